import type { OrganizationResolvers } from '../__generated__/resolvers-types';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference, { viewer }) => viewer.read().organization(reference.id),
  plan: (organization) => ({
    name: organization.planName,
    requestsPerHour: organization.requestsPerHour,
    requestsPerDay: organization.requestsPerDay,
  }),
  members: (organization, _args, { viewer }) => viewer.read().membersOf(organization.id),
};

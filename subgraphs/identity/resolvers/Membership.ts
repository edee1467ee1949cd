import { errors } from '../../../lib/errors';
import type { MembershipResolvers } from '../__generated__/resolvers-types';

export const Membership: MembershipResolvers = {
  // A membership is only ever read from an organization the viewer belongs to, so both ends are visible to them.
  organization: async (membership, _args, { viewer }) =>
    (await viewer.read().organization(membership.organizationId)) ??
    Promise.reject(errors.notFound('Organization', membership.organizationId)),
  user: async (membership, _args, { viewer }) =>
    (await viewer.read().user(membership.userId)) ??
    Promise.reject(errors.notFound('User', membership.userId)),
};

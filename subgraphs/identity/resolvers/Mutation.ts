import type { MutationResolvers } from '../__generated__/resolvers-types';

export const Mutation: MutationResolvers = {
  register: (_root, { input }, { auth }) => auth.register(input),
  login: (_root, { email, password }, { auth }) => auth.login(email, password),
  refreshToken: (_root, { refreshToken }, { auth }) => auth.refresh(refreshToken),
  logout: (_root, { refreshToken }, { auth }) => auth.logout(refreshToken),
  createOrganization: (_root, { name }, { organizations }) => organizations.create(name),
  addMember: (_root, { organizationId, email, role }, { organizations }) =>
    organizations.addMember(organizationId, email, role),
};

import type { UserResolvers } from '../__generated__/resolvers-types';

export const User: UserResolvers = {
  // Batched: the gateway's _entities call for N users costs one query (viewer/viewer.ts).
  __resolveReference: (reference, { viewer }) => viewer.read().user(reference.id),
  memberships: (user, _args, { viewer }) => viewer.read().membershipsOfUser(user.id),
};

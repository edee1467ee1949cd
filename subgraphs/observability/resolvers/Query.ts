import { requireUser } from '../../../lib/organization-scope';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  systemHealth: (_root, _args, { caller, systemHealth }) => {
    requireUser(caller);
    return systemHealth.check();
  },
};

import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  systemHealth: (_root, _args, { systemHealth }) => systemHealth.check(),
  auditLog: (_root, { filter, first, after }, { auditLog }) => auditLog.list(filter ?? {}, { first, after }),
};

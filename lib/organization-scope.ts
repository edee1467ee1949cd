import type { EntityName } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/knex';
import type { Caller, AuthenticatedCaller } from './caller';
import type { EntityManager, Orm } from './database';
import { errors } from './errors';

/** Name of the MikroORM filter every organization-owned entity declares (see `organizationFilter`). */
export const ORGANIZATION_FILTER = 'organization';

/**
 * The filter that confines an entity to one organization. It is on by default and needs its parameter, so a query
 * through an EntityManager that was not scoped fails instead of reading every organization's rows.
 */
export const organizationFilter = {
  [ORGANIZATION_FILTER]: {
    name: ORGANIZATION_FILTER,
    cond: (args: { organizationId: string }) => ({ organizationId: args.organizationId }),
    default: true,
  },
};

/** A request's EntityManager, confined to the caller's organization. */
export function scopedEntityManager(orm: Orm, caller: AuthenticatedCaller): EntityManager {
  const em = orm.em.fork();
  em.setFilterParams(ORGANIZATION_FILTER, { organizationId: caller.organizationId });
  return em;
}

/**
 * A query builder confined to the EntityManager's organization. MikroORM applies filters to `em.find` and friends,
 * but not to a QueryBuilder, so every query builder over organization-owned entities comes from here. Add further
 * conditions with `andWhere`: a later `where()` replaces every condition, the organization's included.
 */
export function scopedQueryBuilder<T extends { organizationId: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  alias: string,
  where: QBFilterQuery<T>,
) {
  const { organizationId } = (em.getFilterParams(ORGANIZATION_FILTER) ?? {}) as { organizationId?: string };
  if (!organizationId)
    throw new Error('scopedQueryBuilder needs an EntityManager from scopedEntityManager()');
  return em
    .createQueryBuilder(entity, alias)
    .where({ $and: [{ organizationId }, where] } as QBFilterQuery<T>);
}

export function requireUser(caller: Caller): AuthenticatedCaller {
  if (caller.kind !== 'user') throw errors.unauthenticated();
  return caller;
}

import type { EntityName } from '@mikro-orm/core';
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
 * A query builder confined to the caller's organization. MikroORM applies filters to `em.find` and friends, but a
 * QueryBuilder only when asked: build every query builder over organization-owned entities through this.
 */
export async function scopedQueryBuilder<T extends object>(
  em: EntityManager,
  entity: EntityName<T>,
  alias?: string,
) {
  const qb = em.createQueryBuilder(entity, alias);
  await qb.applyFilters();
  return qb;
}

export function requireUser(caller: Caller): AuthenticatedCaller {
  if (caller.kind !== 'user') throw errors.unauthenticated();
  return caller;
}

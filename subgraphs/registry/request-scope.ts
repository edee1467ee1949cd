import type { Caller } from '../../lib/caller';
import type { EntityManager, Orm } from '../../lib/database';
import { requireUser, scopedEntityManager } from '../../lib/organization-scope';

/**
 * The request's EntityManager, confined to the caller's organization, created on first use (so an anonymous
 * call fails with UNAUTHENTICATED only when it reaches for data). Experiments and runs share it: one identity
 * map per request, so an experiment loaded for a run is the same object that a new run refers to.
 */
export function requestEntityManager(orm: Orm, caller: Caller): () => EntityManager {
  let em: EntityManager | undefined;
  return () => (em ??= scopedEntityManager(orm, requireUser(caller)));
}

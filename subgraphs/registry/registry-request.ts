import type { AuthenticatedCaller, Caller } from '../../lib/caller';
import type { EntityManager, Orm } from '../../lib/database';
import { requireUser, scopedEntityManager } from '../../lib/organization-scope';
import { requireWriter } from './authorization';

/**
 * What the registry's services of one request share: the caller and one EntityManager confined to the caller's
 * organization, so that an entity loaded by one service is the same object another one changes in a transaction.
 */
export class RegistryRequest {
  private scoped?: EntityManager;

  constructor(
    private readonly orm: Orm,
    readonly caller: Caller,
  ) {}

  /** UNAUTHENTICATED for an anonymous caller; nothing is read before the caller is known to be a user. */
  em(): EntityManager {
    this.scoped ??= scopedEntityManager(this.orm, requireUser(this.caller));
    return this.scoped;
  }

  /** Runs `work` in one transaction on a fork of the request's EntityManager (same organization scope). */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em().transactional((em) => work(em as EntityManager));
  }

  user(): AuthenticatedCaller {
    return requireUser(this.caller);
  }

  /** The caller, when their role may change the registry (every role but VIEWER); FORBIDDEN otherwise. */
  writer(): AuthenticatedCaller {
    return requireWriter(this.caller, 'models');
  }
}

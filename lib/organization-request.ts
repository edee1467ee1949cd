import type { AuthenticatedCaller, Caller } from './caller';
import type { EntityManager, Orm } from './database';
import { errors } from './errors';
import { requireUser, scopedEntityManager } from './organization-scope';

const writerRoles: ReadonlySet<string> = new Set(['OWNER', 'ADMIN', 'MEMBER']);

/**
 * What the services of one request to an organization-owned subgraph share: the caller and one EntityManager
 * confined to the caller's organization, so that an entity loaded by one service is the same object another one
 * changes in a transaction. Each such subgraph names its own (`RegistryRequest`, `InferenceRequest`…).
 */
export class OrganizationRequest {
  private scoped?: EntityManager;

  constructor(
    protected readonly orm: Orm,
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

  /** The caller, when it is a user; UNAUTHENTICATED otherwise. */
  user(): AuthenticatedCaller {
    return requireUser(this.caller);
  }

  /**
   * The caller, when their role may change `what` (every role but VIEWER); FORBIDDEN otherwise, naming what was
   * refused: "Your role in this organization may not change training jobs".
   */
  writer(what: string): AuthenticatedCaller {
    const user = requireUser(this.caller);
    if (!writerRoles.has(user.role))
      throw errors.forbidden(`Your role in this organization may not change ${what}`);
    return user;
  }
}

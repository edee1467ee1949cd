import type { Caller } from '../../lib/caller';
import type { EntityManager, Orm } from '../../lib/database';

/**
 * What the identity services of one request share: the caller and one EntityManager, so that a user loaded by
 * one service is the same object another one changes. Unlike an `OrganizationRequest`, the EntityManager is not
 * confined to an organization — a user belongs to several, and register, login and refreshToken serve anonymous
 * callers — so what a caller may read is restricted by the viewer (viewer/visible-records.ts) instead.
 */
export class IdentityRequest {
  private forked?: EntityManager;

  constructor(
    private readonly orm: Orm,
    readonly caller: Caller,
  ) {}

  /** The request's own fork of the EntityManager, made on first use. */
  em(): EntityManager {
    this.forked ??= this.orm.em.fork();
    return this.forked;
  }

  /** Runs `work` in one transaction on a fork of the request's EntityManager. */
  transaction<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.em().transactional((em) => work(em as EntityManager));
  }
}

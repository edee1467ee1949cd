import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from './database';

/**
 * What the repositories of organization-owned entities share: an EntityManager confined to one organization by
 * the `organization` filter (so every query through it is too), lookups by id, and transactions.
 */
export abstract class OrganizationRepository<T extends { id: string }> {
  protected abstract readonly entity: EntityClass<T>;

  constructor(readonly em: EntityManager) {}

  /** Runs `work` in one transaction, with a repository of the same kind bound to it. */
  transactional<R>(work: (repository: this) => Promise<R>): Promise<R> {
    return this.em.transactional((em) => work(this.bind(em as EntityManager)));
  }

  findByIds(ids: readonly string[]): Promise<T[]> {
    // Generic over T, TypeScript cannot see that `id` is one of T's properties.
    const where = { id: { $in: [...ids] } } as unknown as FilterQuery<T>;
    return this.em.find(this.entity, where);
  }

  /** A repository of the same kind on another EntityManager; override when the constructor takes more. */
  protected bind(em: EntityManager): this {
    const Repository = this.constructor as new (em: EntityManager) => this;
    return new Repository(em);
  }
}

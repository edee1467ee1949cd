import type { EntityName, FilterQuery, QueryOrderMap } from '@mikro-orm/core';
import { raw } from '@mikro-orm/knex';
import type { EntityManager } from './database';
import type { KeysetCursor } from './keyset-page';

/**
 * Up to `limit` rows matching `where` strictly after the cursor (its one value: createdAt), newest first, the id
 * breaking ties: the query behind `newestFirst` pages. Through an organization-scoped EntityManager, as every
 * `find`, it reads the caller's organization only.
 */
export function findNewestFirst<T extends { id: string; createdAt: Date }>(
  em: EntityManager,
  entity: EntityName<T>,
  where: FilterQuery<T>,
  limit: number,
  after?: KeysetCursor,
): Promise<T[]> {
  const conditions: FilterQuery<T>[] = [where];
  if (after) {
    // A row-value comparison lets PostgreSQL seek the (organization_id, created_at, id) index to the cursor.
    const createdAt = em.getPlatform().processDateProperty(after.values[0] as Date);
    conditions.push({
      [raw((a) => `(${a}.created_at, ${a}.id) < (?, ?)`, [createdAt, after.id])]: [],
    } as FilterQuery<T>);
  }
  // Generic over T, TypeScript cannot see that T's keys include these two.
  const orderBy = [{ createdAt: 'desc' }, { id: 'desc' }] as unknown as QueryOrderMap<T>[];
  return em.find(entity, { $and: conditions } as FilterQuery<T>, { orderBy, limit });
}

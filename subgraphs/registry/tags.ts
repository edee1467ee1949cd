import type { EntityName, FilterQuery, FindOptions } from '@mikro-orm/core';
import DataLoader from 'dataloader';
import type { EntityManager } from '../../lib/database';

/** A tag row: one tag of the entity its `owner` property points to. */
type TagRow<Owner extends string> = { tag: string } & Record<Owner, { id: string }>;

/**
 * Tags of the given entities in one query, sorted, keyed by entity id (an entity without tags has []). `owner`
 * names the tag row's reference to what carries the tag. Read only for entities already loaded in scope.
 */
export async function tagsOf<Owner extends string, Row extends TagRow<Owner>>(
  em: EntityManager,
  rows: EntityName<Row>,
  owner: Owner,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const tags = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return tags;
  // Tag rows are written with native statements, so they are kept out of the identity map.
  const found = await em.find(
    rows,
    { [owner]: { $in: [...ids] } } as FilterQuery<Row>,
    {
      orderBy: { tag: 'asc' },
      disableIdentityMap: true,
    } as FindOptions<Row>,
  );
  for (const row of found) tags.get(row[owner].id)?.push(row.tag);
  return tags;
}

/** Batches the tags of entities asked for in one tick into one `tagsOf` (per request). */
export function tagLoader<T extends { id: string }>(
  load: (ids: readonly string[]) => Promise<Map<string, string[]>>,
): DataLoader<T, string[], string> {
  return new DataLoader<T, string[], string>(
    async (entities) => {
      const tags = await load(entities.map((entity) => entity.id));
      return entities.map((entity) => tags.get(entity.id) ?? []);
    },
    { cacheKeyFn: (entity) => entity.id },
  );
}

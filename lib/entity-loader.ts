import DataLoader from 'dataloader';
import { errors } from './errors';
import { isUuid } from './ids';

/**
 * Batches lookups by id for one request: one query for every id asked in a tick. An id that is not a UUID
 * names nothing (and PostgreSQL would refuse to compare it with a uuid column), so it is answered null
 * without a query.
 */
export function entityLoader<T extends { id: string }>(
  findByIds: (ids: string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader<string, T | null>(async (ids) => {
    const found = await findByIds(ids.filter(isUuid));
    const byId = new Map(found.map((entity) => [entity.id, entity]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** The entity the loader finds for `id`, or NOT_FOUND naming `kind` and the id. */
export async function loadExisting<T>(
  loader: DataLoader<string, T | null>,
  kind: string,
  id: string,
): Promise<T> {
  const entity = await loader.load(id);
  if (!entity) throw errors.notFound(kind, id);
  return entity;
}

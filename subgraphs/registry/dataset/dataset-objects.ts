import { setTimeout as sleep } from 'node:timers/promises';
import type { Orm } from '../../../lib/database';
import { isUuid } from '../../../lib/keyset-page';
import type { Logger } from '../../../lib/logger';
import { buckets, type ObjectStore } from '../../../lib/object-store/object-store';
import { Dataset } from './dataset.entity';

export const DATASETS_BUCKET = buckets.datasets;

/** Everything a dataset has in the bucket lives under this prefix. */
export function datasetPrefix(organizationId: string, datasetId: string): string {
  return `${organizationId}/${datasetId}/`;
}

export function datasetObjectKey(organizationId: string, datasetId: string): string {
  return `${datasetPrefix(organizationId, datasetId)}data.csv`;
}

/** Waits between attempts to remove a deleted dataset's objects. */
const REMOVAL_BACKOFF_MS = [200, 1000];

/**
 * Removes the objects of a dataset whose row is already deleted (and committed), retrying a few times. Returns
 * false when they could not all be removed: they are then orphans, which `sweepOrphanedDatasetObjects` removes
 * at the next start of the registry.
 */
export async function removeDatasetObjects(
  store: ObjectStore,
  dataset: Pick<Dataset, 'organizationId' | 'id'>,
  logger?: Logger,
): Promise<boolean> {
  const prefix = datasetPrefix(dataset.organizationId, dataset.id);
  for (let attempt = 0; ; attempt++) {
    try {
      await store.removeObjects(DATASETS_BUCKET, await store.listKeys(DATASETS_BUCKET, prefix));
      return true;
    } catch (error) {
      if (attempt >= REMOVAL_BACKOFF_MS.length) {
        logger?.warn({ err: error, prefix }, 'could not remove a deleted dataset; the next sweep will');
        return false;
      }
      await sleep(REMOVAL_BACKOFF_MS[attempt]);
    }
  }
}

const DATASET_KEY = /^([^/]+)\/([^/]+)\//;
const IDS_PER_QUERY = 500;

/**
 * Removes objects of the `datasets` bucket that belong to no dataset: those whose removal failed after the row
 * was deleted. Safe while the registry serves requests, because a dataset's row is committed before its upload
 * URL is handed out, so an object always has its row until the dataset is deleted. Keys that do not follow the
 * dataset layout are left alone. Returns how many objects were removed.
 */
export async function sweepOrphanedDatasetObjects(orm: Orm, store: ObjectStore): Promise<number> {
  const byDataset = new Map<string, { organizationId: string; keys: string[] }>();
  for (const key of await store.listKeys(DATASETS_BUCKET, '')) {
    const match = DATASET_KEY.exec(key);
    if (!match || !isUuid(match[1]) || !isUuid(match[2])) continue;
    const [, organizationId, id] = match;
    const entry = byDataset.get(id) ?? { organizationId, keys: [] };
    entry.keys.push(key);
    byDataset.set(id, entry);
  }
  const ids = [...byDataset.keys()];
  const orphans: string[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const batch = ids.slice(i, i + IDS_PER_QUERY);
    // Across every organization: the sweep acts for the platform, not for a caller.
    const rows = await orm.em
      .fork()
      .find(Dataset, { id: { $in: batch } }, { filters: false, fields: ['id', 'organizationId'] });
    const owners = new Map(rows.map((row) => [row.id, row.organizationId]));
    for (const id of batch) {
      const entry = byDataset.get(id)!;
      if (owners.get(id) !== entry.organizationId) orphans.push(...entry.keys);
    }
  }
  await store.removeObjects(DATASETS_BUCKET, orphans);
  return orphans.length;
}

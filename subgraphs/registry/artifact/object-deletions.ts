import type { EntityManager } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import { PendingObjectDeletion } from './pending-object-deletion.entity';

export interface ObjectDeletionRequest {
  bucket: string;
  key: string;
  /** When presigned PUT URLs for the key can no longer create it (see PendingObjectDeletion.settleAt). */
  settleAt: Date;
}

/** Records objects to remove; call it inside the transaction that makes them unwanted. Returns the row ids. */
export async function enqueueObjectDeletions(
  em: EntityManager,
  requests: readonly ObjectDeletionRequest[],
  now: Date,
): Promise<string[]> {
  if (requests.length === 0) return [];
  const rows = requests.map((request) =>
    Object.assign(new PendingObjectDeletion(), { ...request, nextAttemptAt: now, createdAt: now }),
  );
  await em.insertMany(PendingObjectDeletion, rows);
  return rows.map((row) => row.id);
}

/** A failed removal is retried after 1, 2, 4… minutes, at most an hour apart. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface DrainOptions {
  now: Date;
  /** Only these rows (right after the commit that wrote them); otherwise every row that is due. */
  ids?: readonly string[];
  /** @default 500 */
  limit?: number;
}

export interface DrainResult {
  /** Rows whose objects were removed (and rows deleted, or kept to remove once more after `settleAt`). */
  removed: number;
  failed: number;
}

/**
 * Removes the objects of pending deletions. A removed object's row is deleted once it is settled; a failure is
 * recorded on the row and retried later. Replicas may drain the same rows at once: removing an absent object
 * succeeds, so the worst case is a repeated S3 call.
 */
export async function drainObjectDeletions(
  em: EntityManager,
  objectStore: ObjectStore,
  logger: Logger,
  options: DrainOptions,
): Promise<DrainResult> {
  const { now } = options;
  if (options.ids?.length === 0) return { removed: 0, failed: 0 };
  const rows = await em.find(
    PendingObjectDeletion,
    options.ids ? { id: { $in: [...options.ids] } } : { nextAttemptAt: { $lte: now } },
    { orderBy: { nextAttemptAt: 'asc' }, limit: options.limit ?? 500, disableIdentityMap: true },
  );
  const byBucket = new Map<string, PendingObjectDeletion[]>();
  for (const row of rows) byBucket.set(row.bucket, [...(byBucket.get(row.bucket) ?? []), row]);
  const result: DrainResult = { removed: 0, failed: 0 };
  for (const [bucket, group] of byBucket) {
    try {
      await objectStore.removeObjects(
        bucket,
        group.map((row) => row.key),
      );
    } catch (error) {
      logger.warn({ err: error, bucket, objects: group.length }, 'object removal failed; it will be retried');
      result.failed += group.length;
      for (const row of group) {
        await em.nativeUpdate(
          PendingObjectDeletion,
          { id: row.id },
          {
            attempts: row.attempts + 1,
            lastError: String((error as Error).message ?? error).slice(0, 2000),
            nextAttemptAt: new Date(now.getTime() + retryDelayMs(row.attempts + 1)),
          },
        );
      }
      continue;
    }
    result.removed += group.length;
    const settled = group.filter((row) => row.settleAt <= now).map((row) => row.id);
    if (settled.length) await em.nativeDelete(PendingObjectDeletion, { id: { $in: settled } });
    for (const row of group.filter((r) => r.settleAt > now)) {
      await em.nativeUpdate(PendingObjectDeletion, { id: row.id }, { nextAttemptAt: row.settleAt });
    }
  }
  return result;
}

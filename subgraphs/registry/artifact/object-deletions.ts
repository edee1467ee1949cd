import type { EntityManager } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import type { PendingObjectDeletion } from './pending-object-deletion.entity';
import {
  PendingObjectDeletionRepository,
  type ObjectDeletionRequest,
} from './pending-object-deletion.repository';

export type { ObjectDeletionRequest };

/** Records objects to remove; call it inside the transaction that makes them unwanted. Returns the row ids. */
export function enqueueObjectDeletions(
  em: EntityManager,
  requests: readonly ObjectDeletionRequest[],
  now: Date,
): Promise<string[]> {
  return new PendingObjectDeletionRepository(em).enqueue(requests, now);
}

/**
 * The removal of an immutable key (a verified file, or a completion's copy): no URL can write it, so once removed
 * it stays removed.
 */
export function immutableRemoval(bucket: string, key: string, now: Date): ObjectDeletionRequest {
  return { bucket, key, settleAt: now };
}

/**
 * The removal of a staging key: its upload URL can recreate it until the URL expires (and a PUT started by then
 * ends, `graceSeconds` later), so it is removed now and once more after that.
 */
export function stagingRemoval(
  bucket: string,
  key: string,
  upload: { expiresAt: Date; graceSeconds: number },
  now: Date,
): ObjectDeletionRequest {
  const settled = upload.expiresAt.getTime() + upload.graceSeconds * 1000;
  return { bucket, key, settleAt: new Date(Math.max(now.getTime(), settled)) };
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
  const outbox = new PendingObjectDeletionRepository(em);
  const rows = await outbox.due({ ids: options.ids, now, limit: options.limit ?? 500 });
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
      const message = String((error as Error).message ?? error);
      for (const row of group) {
        await outbox.recordFailure(row, message, new Date(now.getTime() + retryDelayMs(row.attempts + 1)));
      }
      continue;
    }
    result.removed += group.length;
    await outbox.remove(group.filter((row) => row.settleAt <= now).map((row) => row.id));
    for (const row of group.filter((r) => r.settleAt > now)) await outbox.postponeUntilSettled(row);
  }
  return result;
}

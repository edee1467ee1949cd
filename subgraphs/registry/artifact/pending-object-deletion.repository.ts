import type { EntityManager } from '../../../lib/database';
import { PendingObjectDeletion } from './pending-object-deletion.entity';

/** What an outbox row asks for: an object to remove, and when it can no longer be created (see `settleAt`). */
export interface ObjectDeletionRequest {
  bucket: string;
  key: string;
  /**
   * When presigned PUT URLs for the key can no longer create it (see PendingObjectDeletion.settleAt); build it
   * with `immutableRemoval` or `stagingRemoval`.
   */
  settleAt: Date;
}

/** The outbox of S3 removals. Not organization-owned: rows are written for a request and drained for everyone. */
export class PendingObjectDeletionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Writes the rows (inside the caller's transaction when there is one); returns their ids. */
  async enqueue(requests: readonly ObjectDeletionRequest[], now: Date): Promise<string[]> {
    if (requests.length === 0) return [];
    const rows = requests.map((request) =>
      Object.assign(new PendingObjectDeletion(), { ...request, nextAttemptAt: now, createdAt: now }),
    );
    await this.em.insertMany(PendingObjectDeletion, rows);
    return rows.map((row) => row.id);
  }

  /** These rows, or every row due at `now`, the longest waiting first. */
  due(options: { ids?: readonly string[]; now: Date; limit: number }): Promise<PendingObjectDeletion[]> {
    return this.em.find(
      PendingObjectDeletion,
      options.ids ? { id: { $in: [...options.ids] } } : { nextAttemptAt: { $lte: options.now } },
      { orderBy: { nextAttemptAt: 'asc' }, limit: options.limit, disableIdentityMap: true },
    );
  }

  /** A removal failed: counted, its error kept, and tried again at `retryAt`. */
  async recordFailure(row: PendingObjectDeletion, error: string, retryAt: Date): Promise<void> {
    await this.em.nativeUpdate(
      PendingObjectDeletion,
      { id: row.id },
      { attempts: row.attempts + 1, lastError: error.slice(0, 2000), nextAttemptAt: retryAt },
    );
  }

  /** The objects are gone and can no longer come back: the rows go. */
  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length) await this.em.nativeDelete(PendingObjectDeletion, { id: { $in: [...ids] } });
  }

  /** Removed, but a presigned PUT may still create the object until `settleAt`: once more then. */
  async postponeUntilSettled(row: PendingObjectDeletion): Promise<void> {
    await this.em.nativeUpdate(PendingObjectDeletion, { id: row.id }, { nextAttemptAt: row.settleAt });
  }
}

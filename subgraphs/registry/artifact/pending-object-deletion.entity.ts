import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';

/**
 * An object that must be removed from S3 (an outbox row). Written in the transaction that makes the object
 * unwanted (a deleted model, an invalid or expired upload), removed after commit, and retried by the sweeper when
 * that fails, so no object is orphaned by a crash or an S3 outage. Not organization-owned: no request reads it.
 */
export class PendingObjectDeletion {
  id: string = randomUUID();
  bucket!: string;
  key!: string;
  /** When the next removal is due. */
  nextAttemptAt!: Date;
  /**
   * Until then the object may still be (re)created through a presigned PUT URL that has not expired, so it is
   * removed once more after this time before the row goes. Only staging keys have PUT URLs: the removal of an
   * immutable key (a verified file) is settled when it is queued, and its row goes with the first removal.
   */
  settleAt!: Date;
  attempts = 0;
  lastError: string | null = null;
  createdAt: Date = new Date();
}

export const PendingObjectDeletionSchema = new EntitySchema<PendingObjectDeletion>({
  class: PendingObjectDeletion,
  tableName: 'pending_object_deletions',
  indexes: [{ name: 'pending_object_deletions_next_attempt_at_index', properties: ['nextAttemptAt'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    bucket: { type: 'string', length: 100 },
    key: { type: 'string', length: 1024 },
    nextAttemptAt: { type: 'datetime' },
    settleAt: { type: 'datetime' },
    attempts: { type: 'integer', default: 0 },
    lastError: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

import type { Orm } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import { Dataset, DATASETS_BUCKET, datasetObjectKey } from '../dataset/dataset.entity';
import { ModelVersion } from '../model-version/model-version.entity';
import type { ArtifactStorage } from './artifact-storage';
import { drainObjectDeletions, enqueueObjectDeletions } from './object-deletions';

export interface SweepResult {
  expiredVersions: number;
  expiredDatasets: number;
  removedObjects: number;
  failedRemovals: number;
}

/** Outbox rows handled per statement. */
const BATCH = 500;

interface ExpiredDatasetRow {
  id: string;
  organization_id: string;
  upload_expires_at: Date | string | number;
}

interface ExpiredRow {
  id: string;
  artifact_key: string;
  // SQLite answers the stored text, PostgreSQL a Date.
  upload_expires_at: Date | string | number;
}

/**
 * One pass of the registry's janitor, safe to run from every replica at once:
 * 1. versions whose upload was not completed in time become EXPIRED and their files are queued for removal, in one
 *    transaction: `update … where status = 'PENDING_UPLOAD' and upload_expires_at < cutoff returning …` lets each
 *    row be claimed by exactly one replica, and a completion in progress (holding the row lock) wins or loses
 *    cleanly;
 * 2. queued removals that are due are carried out (and retried when S3 fails).
 * `now` is a parameter so tests can sweep "later" without waiting.
 */
export async function sweepArtifacts(
  orm: Orm,
  storage: ArtifactStorage,
  logger: Logger,
  now: Date = new Date(),
): Promise<SweepResult> {
  const result: SweepResult = {
    expiredVersions: 0,
    expiredDatasets: 0,
    removedObjects: 0,
    failedRemovals: 0,
  };
  const cutoff = new Date(now.getTime() - storage.settings.completionGraceSeconds * 1000);
  result.expiredVersions = await orm.em.fork().transactional(async (em) => {
    // The sweeper works for every organization by design: it expires uploads, it reads nothing for a caller.
    // eslint-disable-next-line no-restricted-syntax
    const rows: ExpiredRow[] = await em
      .createQueryBuilder(ModelVersion)
      .update({
        status: 'EXPIRED',
        statusReason: 'The upload was not completed before its URL expired',
        updatedAt: now,
      })
      .where({ status: 'PENDING_UPLOAD', uploadExpiresAt: { $lt: cutoff } })
      .returning(['id', 'artifactKey', 'uploadExpiresAt'])
      .execute('all', false);
    await enqueueObjectDeletions(
      em,
      rows.map((row) => storage.deletionOf(row.artifact_key, new Date(row.upload_expires_at))),
      now,
    );
    return rows.length;
  });
  result.expiredDatasets = await orm.em.fork().transactional(async (em) => {
    // Same claim-by-update as for versions: a dataset whose upload never came is FAILED with the reason, and
    // anything a late PUT may still write under its key is queued for removal.
    // eslint-disable-next-line no-restricted-syntax
    const rows: ExpiredDatasetRow[] = await em
      .createQueryBuilder(Dataset)
      .update({
        status: 'FAILED',
        error: 'The upload was not completed before its URL expired',
        updatedAt: now,
      })
      .where({ status: 'PENDING', uploadExpiresAt: { $lt: cutoff } })
      .returning(['id', 'organizationId', 'uploadExpiresAt'])
      .execute('all', false);
    await enqueueObjectDeletions(
      em,
      rows.map((row) => ({
        bucket: DATASETS_BUCKET,
        key: datasetObjectKey(row.organization_id, row.id),
        settleAt: new Date(
          new Date(row.upload_expires_at).getTime() + storage.settings.completionGraceSeconds * 1000,
        ),
      })),
      now,
    );
    return rows.length;
  });
  for (;;) {
    const drained = await drainObjectDeletions(orm.em.fork(), storage.objectStore, logger, {
      now,
      limit: BATCH,
    });
    result.removedObjects += drained.removed;
    result.failedRemovals += drained.failed;
    // Failed rows are rescheduled, so they do not come back in this pass.
    if (drained.removed + drained.failed < BATCH) break;
  }
  if (result.expiredVersions || result.expiredDatasets || result.removedObjects || result.failedRemovals) {
    logger.info({ ...result }, 'artifact sweep');
  }
  return result;
}

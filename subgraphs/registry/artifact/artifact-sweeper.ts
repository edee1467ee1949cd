import type { Orm } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import { DATASETS_BUCKET } from '../dataset/dataset.entity';
import { DatasetRepository } from '../dataset/dataset.repository';
import { ModelVersionRepository } from '../model-version/model-version.repository';
import type { ArtifactStorage } from './artifact-storage';
import { drainObjectDeletions, enqueueObjectDeletions, stagingRemoval } from './object-deletions';

export interface SweepResult {
  expiredVersions: number;
  expiredDatasets: number;
  removedObjects: number;
  failedRemovals: number;
}

/** Outbox rows handled per statement. */
const BATCH = 500;

/**
 * One pass of the registry's janitor, safe to run from every replica at once:
 * 1. versions whose upload was not completed in time become EXPIRED (datasets FAILED) and their staging objects
 *    are queued for removal, in one transaction; each row is claimed by exactly one replica (see
 *    `ModelVersionRepository.expireUnfinishedUploads`);
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
    const expired = await new ModelVersionRepository(em).expireUnfinishedUploads(cutoff, now);
    // A version expires PENDING_UPLOAD: its key is still the staging key.
    await enqueueObjectDeletions(
      em,
      expired.map((row) => storage.stagingDeletion(row.artifactKey, row.uploadExpiresAt, now)),
      now,
    );
    return expired.length;
  });
  result.expiredDatasets = await orm.em.fork().transactional(async (em) => {
    // Same claim-by-update as for versions: a dataset whose upload never came is FAILED with the reason, and
    // anything a late PUT may still write under its staging key is queued for removal.
    const failed = await new DatasetRepository(em).failUnfinishedUploads(cutoff, now);
    const upload = (expiresAt: Date) => ({
      expiresAt,
      graceSeconds: storage.settings.completionGraceSeconds,
    });
    await enqueueObjectDeletions(
      em,
      failed.map((row) => stagingRemoval(DATASETS_BUCKET, row.objectKey, upload(row.uploadExpiresAt), now)),
      now,
    );
    return failed.length;
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

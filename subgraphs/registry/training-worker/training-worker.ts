import type { Config } from '../../../lib/config';
import type { Orm } from '../../../lib/database';
import type { Infrastructure } from '../../../lib/infrastructure';
import type { Logger } from '../../../lib/logger';
import type { JobConsumer } from '../../../lib/queue/job-queue';
import { ArtifactStorage } from '../artifact/artifact-storage';
import { publishJobChange } from '../training-job/training-job-events';
import { TRAINING_QUEUE } from '../training-job/training-queue';
import { openJobScope, unfinishedJobIds } from './job-scope';
import { runTrainingJob, type TrainingRunnerDependencies } from './job-runner';

export interface TrainingWorker {
  stop(): Promise<void>;
}

/**
 * Consumes the training queue: up to `config.training.concurrency` jobs at once, each trained on a thread of
 * its own. With a queue that does not survive a restart (embedded mode), the jobs the database still shows
 * unfinished are queued again at start; the runner's attempt rule decides what becomes of a RUNNING one.
 */
export async function startTrainingWorker(
  config: Config,
  orm: Orm,
  infrastructure: Infrastructure,
  logger: Logger,
): Promise<TrainingWorker> {
  const deps: TrainingRunnerDependencies = {
    orm,
    bus: infrastructure.bus,
    artifacts: new ArtifactStorage(infrastructure.objectStore, orm, logger),
    logger,
  };
  const queue = infrastructure.jobQueue(TRAINING_QUEUE);
  const consumer: JobConsumer = queue.consume((job) => runTrainingJob(deps, job), {
    concurrency: config.training.concurrency,
    onAbandoned: (jobId, reason) => failAbandoned(deps, jobId, reason),
  });
  if (!queue.durable) {
    for (const id of await unfinishedJobIds(orm)) await queue.enqueue(id);
  }
  logger.info({ concurrency: config.training.concurrency }, 'training worker consuming');
  return { stop: () => consumer.stop() };
}

/** The queue gave up on a job (its workers kept dying): FAILED with the reason, unless it already ended. */
async function failAbandoned(deps: TrainingRunnerDependencies, jobId: string, reason: string): Promise<void> {
  const scope = await openJobScope(deps.orm, jobId);
  if (!scope) return;
  const failed = await scope.jobs.transition(jobId, ['QUEUED', 'RUNNING'], 'FAILED', {
    error: reason,
    finishedAt: new Date(),
  });
  if (failed) {
    deps.logger.warn({ jobId, reason }, 'training job abandoned');
    await publishJobChange(deps.bus, failed, null).catch(() => undefined);
  }
}

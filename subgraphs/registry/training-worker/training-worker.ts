import { SpanKind } from '@opentelemetry/api';
import type { Config } from '../../../lib/config';
import type { Orm } from '../../../lib/database';
import type { Infrastructure } from '../../../lib/infrastructure';
import type { Logger } from '../../../lib/logger';
import { startPeriodicTask } from '../../../lib/periodic-task';
import type { JobConsumer, QueuedJob } from '../../../lib/queue/job-queue';
import { contextFromCarrier } from '../../../lib/tracing/propagation';
import { withSpan } from '../../../lib/tracing/spans';
import { ArtifactStorage, artifactSettings } from '../artifact/artifact-storage';
import { ModelDeployments } from '../model/model-deployments';
import { publishJobChange } from '../training-job/training-job-events';
import { TRAINING_QUEUE } from '../training-job/training-queue';
import { openJobScope, unfinishedJobIds } from './job-scope';
import { runTrainingJob, type TrainingRunnerDependencies } from './job-runner';

export interface TrainingWorker {
  /** Stops taking jobs; running jobs stop at the end of their epoch and go back to QUEUED for another worker. */
  stop(): Promise<void>;
}

/** How often a worker queues again the jobs the database shows unfinished but no queue holds. */
export const RECONCILE_INTERVAL_MS = 60_000;

/**
 * Consumes the training queue: up to `config.training.concurrency` jobs at once, each trained on a thread of
 * its own. At start and every minute it queues again every job the database shows unfinished (enqueueing is a
 * no-op for a job the queue holds): a job whose queue entry was lost — an in-process queue after a restart, a
 * run that ended on a database error, a job handed back at shutdown — is picked up, and the runner's attempt
 * rule decides what becomes of one found RUNNING.
 */
export async function startTrainingWorker(
  config: Config,
  orm: Orm,
  infrastructure: Infrastructure,
  logger: Logger,
): Promise<TrainingWorker> {
  const shutdown = new AbortController();
  const deps = trainingRunnerDependencies(config, orm, infrastructure, logger, shutdown.signal);
  const queue = deps.trainingQueue;
  const consumer: JobConsumer = queue.consume((job) => runTracedJob(deps, job), {
    concurrency: config.training.concurrency,
    onAbandoned: (jobId, reason) => failAbandoned(deps, jobId, reason),
  });
  const reconcile = async () => {
    for (const id of await unfinishedJobIds(orm)) await queue.enqueue(id);
  };
  await reconcile();
  const reconciler = startPeriodicTask(reconcile, {
    name: 'training-reconciler',
    intervalMs: RECONCILE_INTERVAL_MS,
    logger,
  });
  logger.info({ concurrency: config.training.concurrency }, 'training worker consuming');
  return {
    async stop() {
      await reconciler.stop();
      shutdown.abort();
      await consumer.stop();
    },
  };
}

/** One run of a job, a span in the trace of the request that queued it (a new trace when none did). */
function runTracedJob(deps: TrainingRunnerDependencies, job: QueuedJob): Promise<void> {
  return withSpan(
    'training-worker',
    'training job',
    {
      kind: SpanKind.CONSUMER,
      parent: contextFromCarrier(job.trace),
      attributes: { 'mlaas.training_job.id': job.id, 'mlaas.training_job.attempt': job.attempt },
    },
    () => runTrainingJob(deps, job),
  );
}

/** What every run of a worker shares; `shutdown` hands running jobs back to the queue. */
export function trainingRunnerDependencies(
  config: Config,
  orm: Orm,
  infrastructure: Infrastructure,
  logger: Logger,
  shutdown?: AbortSignal,
): TrainingRunnerDependencies {
  return {
    orm,
    artifacts: new ArtifactStorage(infrastructure.objectStore, orm, logger, artifactSettings(config)),
    deployments: new ModelDeployments(config),
    trainingQueue: infrastructure.jobQueue(TRAINING_QUEUE),
    bus: infrastructure.bus,
    logger,
    shutdown,
  };
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

import type { EventBus } from '../../../lib/bus/event-bus';
import type { Logger } from '../../../lib/logger';
import type { Orm } from '../../../lib/database';
import type { QueuedJob } from '../../../lib/queue/job-queue';
import type { ArtifactStorage } from '../artifact/artifact-storage';
import { DATASETS_BUCKET } from '../dataset/dataset.entity';
import { DatasetRepository } from '../dataset/dataset.repository';
import { CsvFormatError } from '../dataset/csv-tokenizer';
import { Model } from '../model/model.entity';
import { isClassifier } from '../training/hyperparameters';
import type { EpochMetrics } from '../training/trainer';
import { publishJobChange, trainingJobCancelTopic } from '../training-job/training-job-events';
import type { TrainingJob } from '../training-job/training-job.entity';
import type { JobOutcome } from '../training-job/training-job.repository';
import { openJobScope, type JobScope } from './job-scope';
import { registerResult } from './result-registration';
import { readTrainingData } from './training-data';
import { runTrainingThread, TrainingFailure } from './training-thread-client';

/**
 * How many times a job is started: a job found RUNNING when a worker takes it lost its worker mid-run, and is
 * run again from the start, once; the next time it is FAILED. (Training is deterministic, so a job that kills
 * its worker twice would do it again.)
 */
export const MAX_ATTEMPTS = 2;

export interface TrainingRunnerDependencies {
  orm: Orm;
  bus: EventBus;
  artifacts: ArtifactStorage;
  logger: Logger;
}

/** Runs one job taken from the queue, from claiming its row to its final status. Never throws for the job's faults. */
export async function runTrainingJob(deps: TrainingRunnerDependencies, queued: QueuedJob): Promise<void> {
  const logger = deps.logger.child({ jobId: queued.id });
  const scope = await openJobScope(deps.orm, queued.id);
  if (!scope || (scope.job.status !== 'QUEUED' && scope.job.status !== 'RUNNING')) {
    logger.info({ status: scope?.job.status ?? 'deleted' }, 'training job needs no run');
    return;
  }
  const { job: found, jobs } = scope;
  const attempt = found.status === 'RUNNING' ? found.attempt + 1 : 1;
  const publish = (job: TrainingJob, epoch: EpochMetrics | null = null) =>
    publishJobChange(deps.bus, job, epoch).catch((error) =>
      logger.warn({ err: error }, 'could not publish a training job change'),
    );
  const end = async (status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED', outcome: JobOutcome = {}) => {
    const ended = await withRetries(() =>
      jobs.transition(found.id, ['RUNNING'], status, { ...outcome, finishedAt: new Date() }),
    );
    if (ended) await publish(ended);
    logger.info({ status, error: outcome.error }, 'training job ended');
  };

  if (attempt > MAX_ATTEMPTS) {
    await end('FAILED', {
      error: `the worker running the job stopped during ${found.attempt} attempts; it is not started again`,
    });
    return;
  }
  const started = await jobs.startAttempt(found.id, attempt);
  if (!started) return;
  await publish(started);
  logger.info({ attempt }, 'training job started');

  const cancelled = new AbortController();
  const stopListening = new AbortController();
  void listenForCancel(deps.bus, found.id, stopListening.signal, () => cancelled.abort()).catch((error) =>
    logger.warn({ err: error }, 'cannot hear cancels on the bus; the job reads them after each epoch'),
  );
  try {
    await train(deps, scope, started, cancelled, publish, end);
  } catch (error) {
    logger.error({ err: error }, 'training job failed unexpectedly');
    await end('FAILED', { error: 'the job failed because of an internal error; see the worker log' });
  } finally {
    stopListening.abort();
  }
}

async function train(
  deps: TrainingRunnerDependencies,
  scope: JobScope,
  job: TrainingJob,
  cancelled: AbortController,
  publish: (job: TrainingJob, epoch?: EpochMetrics | null) => Promise<void>,
  end: (status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED', outcome?: JobOutcome) => Promise<void>,
): Promise<void> {
  if (job.cancelRequested) return end('CANCELLED');
  const dataset = (await new DatasetRepository(scope.request.em()).findByIds([job.datasetId]))[0];
  if (!dataset || dataset.status !== 'READY')
    return end('FAILED', { error: 'the dataset is no longer READY' });
  let data;
  try {
    data = await readTrainingData(
      await deps.artifacts.objectStore.getObject(DATASETS_BUCKET, dataset.objectKey),
      {
        features: job.features,
        targetColumn: job.targetColumn,
        targetKind: isClassifier(job.algorithm) ? 'label' : 'number',
      },
    );
  } catch (error) {
    if (error instanceof CsvFormatError)
      return end('FAILED', { error: `the dataset cannot be read: ${error.message}` });
    throw error;
  }

  const history: EpochMetrics[] = [];
  const model = await scope.request.em().findOne(Model, { id: job.modelId });
  const thread = runTrainingThread(
    {
      algorithm: job.algorithm,
      data,
      hyperparameters: job.hyperparameters,
      graphName: model?.name ?? 'model',
    },
    async (metrics) => {
      const recorded = await scope.jobs.recordEpoch(job.id, metrics, job.totalEpochs);
      if (!recorded) return thread.cancel(); // no longer RUNNING (given up on by the queue): stop
      history.push(metrics);
      await publish(recorded, metrics);
      if (recorded.cancelRequested) thread.cancel();
    },
  );
  const onCancel = () => thread.cancel();
  cancelled.signal.addEventListener('abort', onCancel);
  let artifact;
  try {
    artifact = await thread.result;
  } catch (error) {
    if (!(error instanceof TrainingFailure)) throw error;
    if (error.kind === 'cancelled') return end('CANCELLED');
    if (error.kind === 'data')
      return end('FAILED', { error: `the data cannot train this model: ${error.message}` });
    if (error.kind === 'export')
      return end('FAILED', { error: `the exported ONNX model was refused: ${error.message}` });
    throw error;
  } finally {
    cancelled.signal.removeEventListener('abort', onCancel);
  }
  const result = await registerResult(scope.request, deps.artifacts, deps.logger, job, history, artifact);
  return end('SUCCEEDED', { resultVersionId: result.versionId, runId: result.runId, progress: 1 });
}

async function listenForCancel(bus: EventBus, jobId: string, signal: AbortSignal, onCancel: () => void) {
  const messages = await bus.subscribe(trainingJobCancelTopic(jobId), signal);
  for await (const _message of messages) {
    onCancel();
    break;
  }
}

/** A final status must be written: a brief database outage should not leave the job RUNNING. */
async function withRetries<T>(write: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}

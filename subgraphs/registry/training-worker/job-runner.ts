import type { EventBus } from '../../../lib/bus/event-bus';
import type { Orm } from '../../../lib/database';
import type { QueuedJob } from '../../../lib/queue/job-queue';
import { Sha256MismatchError, verifySha256 } from '../../../lib/sha256-stream';
import { CsvFormatError } from '../../../ml/csv/csv-tokenizer';
import { DATASETS_BUCKET } from '../dataset/dataset.entity';
import { DatasetRepository } from '../dataset/dataset.repository';
import { ModelRepository } from '../model/model.repository';
import type { RegistryDependencies } from '../services';
import { isClassifier } from '../../../ml/training/hyperparameters';
import type { EpochMetrics } from '../../../ml/training/trainer';
import { publishJobChange, trainingJobCancelTopic } from '../training-job/training-job-events';
import type { TrainingJob } from '../training-job/training-job.entity';
import type { JobOutcome } from '../training-job/training-job.repository';
import { openJobScope, type JobScope } from './job-scope';
import { JobNoLongerOursError, registerResult } from './result-registration';
import { readTrainingData } from './training-data';
import { runTrainingThread, TrainingFailure } from './training-thread-client';

/**
 * How many times a job is started: a job found RUNNING when a worker takes it lost its worker mid-run, and is
 * run again from the start, once; the next time it is FAILED. (Training is deterministic, so a job that kills
 * its worker twice would do it again.)
 */
export const MAX_ATTEMPTS = 2;

/** What a run needs: the registry's own dependencies (its services register the result) and the ORM. */
export interface TrainingRunnerDependencies extends RegistryDependencies {
  orm: Orm;
  /** Aborted when the worker shuts down: running jobs stop at the end of their epoch and go back to QUEUED. */
  shutdown?: AbortSignal;
}

type FinalStatus = 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

/**
 * Runs one job taken from the queue, from claiming its row to its final status. Every write carries the
 * attempt this run started, so a run that was superseded (its worker lost its lock and another took over)
 * changes nothing. Throws only for infrastructure failures; the job is then found unfinished and queued again
 * by the worker's reconciliation.
 */
export async function runTrainingJob(deps: TrainingRunnerDependencies, queued: QueuedJob): Promise<void> {
  const logger = deps.logger.child({ jobId: queued.id });
  const scope = await openJobScope(deps.orm, queued.id);
  if (!scope || (scope.job.status !== 'QUEUED' && scope.job.status !== 'RUNNING')) {
    logger.info({ status: scope?.job.status ?? 'deleted' }, 'training job needs no run');
    return;
  }
  const { job: found, jobs } = scope;
  const publish = (job: TrainingJob, epoch: EpochMetrics | null = null) =>
    publishJobChange(deps.bus, job, epoch).catch((error) =>
      logger.warn({ err: error }, 'could not publish a training job change'),
    );

  if (found.status === 'RUNNING' && found.attempt >= MAX_ATTEMPTS) {
    const failed = await jobs.transition(
      found.id,
      ['RUNNING'],
      'FAILED',
      {
        error: `the worker running the job stopped during ${found.attempt} attempts; it is not started again`,
        finishedAt: new Date(),
      },
      found.attempt,
    );
    if (failed) await publish(failed);
    return;
  }
  const started = await jobs.startAttempt(found.id, found);
  if (!started) return; // another worker started it, or it was cancelled meanwhile
  const attempt = started.attempt;
  await publish(started);
  logger.info({ attempt }, 'training job started');

  const end = async (status: FinalStatus | 'QUEUED', outcome: JobOutcome = {}) => {
    // Handed back: as it was before this run started, so the next run is the same attempt from the start.
    const fields =
      status === 'QUEUED'
        ? { ...outcome, attempt: attempt - 1, epoch: 0, progress: 0, startedAt: null }
        : { ...outcome, finishedAt: new Date() };
    const ended = await withRetries(() => jobs.transition(found.id, ['RUNNING'], status, fields, attempt));
    if (ended) await publish(ended);
    logger.info({ status, error: outcome.error }, 'training job ended');
  };
  const cancelled = new AbortController();
  const stopListening = new AbortController();
  void listenForCancel(deps.bus, found.id, stopListening.signal, () => cancelled.abort()).catch((error) =>
    logger.warn({ err: error }, 'cannot hear cancels on the bus; the job reads them after each epoch'),
  );
  try {
    const outcome = await train(deps, scope, started, cancelled, publish);
    if (outcome.status === 'SUCCEEDED') {
      await publish(outcome.job);
      logger.info('training job succeeded');
    } else await end(outcome.status, outcome.fields);
  } catch (error) {
    if (error instanceof JobNoLongerOursError) {
      logger.warn('training job was taken over or ended while registering; its result was discarded');
      return;
    }
    logger.error({ err: error }, 'training job failed unexpectedly');
    await end('FAILED', { error: 'the job failed because of an internal error; see the worker log' });
  } finally {
    stopListening.abort();
  }
}

type Outcome =
  | { status: 'SUCCEEDED'; job: TrainingJob }
  | { status: 'FAILED' | 'CANCELLED' | 'QUEUED'; fields?: JobOutcome };

async function train(
  deps: TrainingRunnerDependencies,
  scope: JobScope,
  job: TrainingJob,
  cancelled: AbortController,
  publish: (job: TrainingJob, epoch?: EpochMetrics | null) => Promise<void>,
): Promise<Outcome> {
  const failed = (error: string): Outcome => ({ status: 'FAILED', fields: { error } });
  if (job.cancelRequested) return { status: 'CANCELLED' };
  const dataset = (await new DatasetRepository(scope.request.em()).findByIds([job.datasetId]))[0];
  if (!dataset || dataset.status !== 'READY') return failed('the dataset is no longer READY');
  let data;
  try {
    // The file is the one profiled when the dataset became READY, or the job fails: read whole, then checked,
    // before a single epoch runs. A dataset completed before hashes were recorded has none to check.
    const file = await deps.artifacts.objectStore.getObject(DATASETS_BUCKET, dataset.objectKey);
    data = await readTrainingData(verifySha256(file, dataset.sha256), {
      features: job.features,
      targetColumn: job.targetColumn,
      targetKind: isClassifier(job.algorithm) ? 'label' : 'number',
    });
  } catch (error) {
    if (error instanceof CsvFormatError) return failed(`the dataset cannot be read: ${error.message}`);
    if (error instanceof Sha256MismatchError)
      return failed(`the dataset file was changed after it was profiled: ${error.message}`);
    throw error;
  }

  const history: EpochMetrics[] = [];
  const [model] = await new ModelRepository(scope.request.em()).findByIds([job.modelId]);
  const thread = runTrainingThread(
    {
      algorithm: job.algorithm,
      data,
      hyperparameters: job.hyperparameters,
      graphName: model?.name ?? 'model',
    },
    {
      onStarted: ({ trainerModule }) =>
        deps.logger.debug({ jobId: job.id, trainerModule }, 'training thread started'),
      onEpoch: async (metrics) => {
        const recorded = await scope.jobs.recordEpoch(job.id, job.attempt, metrics, job.totalEpochs);
        if (!recorded) return thread.cancel(); // taken over or ended elsewhere: stop
        history.push(metrics);
        await publish(recorded, metrics);
        if (recorded.cancelRequested) cancelled.abort();
      },
    },
  );
  const stop = () => thread.cancel();
  cancelled.signal.addEventListener('abort', stop);
  deps.shutdown?.addEventListener('abort', stop);
  if (cancelled.signal.aborted || deps.shutdown?.aborted) stop();
  let artifact;
  try {
    artifact = await thread.result;
  } catch (error) {
    if (!(error instanceof TrainingFailure)) throw error;
    if (error.kind === 'cancelled') {
      // A shutdown hands the job back to the queue with its attempt unspent; a user's cancel ends it.
      if (deps.shutdown?.aborted && !cancelled.signal.aborted) return { status: 'QUEUED', fields: {} };
      return { status: 'CANCELLED' };
    }
    if (error.kind === 'data') return failed(`the data cannot train this model: ${error.message}`);
    if (error.kind === 'export') return failed(`the exported ONNX model was refused: ${error.message}`);
    throw error;
  } finally {
    cancelled.signal.removeEventListener('abort', stop);
    deps.shutdown?.removeEventListener('abort', stop);
  }
  // A cancel that arrived during export and verification still wins: nothing is registered.
  if (cancelled.signal.aborted || (await scope.jobs.fresh(job.id))?.cancelRequested)
    return { status: 'CANCELLED' };

  const registered = await registerResult({ request: scope.request, deps, job, history, artifact });
  return { status: 'SUCCEEDED', job: registered.job };
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

import DataLoader from 'dataloader';
import { abortOnReturn } from '../../../lib/bus/abort-on-return';
import type { EventBus } from '../../../lib/bus/event-bus';
import { entityLoader, loadExisting } from '../../../lib/entity-loader';
import { errors } from '../../../lib/errors';
import {
  emptyPage,
  isUuid,
  newestFirst,
  parsePageSize,
  readPage,
  type KeysetCursor,
  type Page,
  type PageArguments,
} from '../../../lib/keyset-page';
import type { Logger } from '../../../lib/logger';
import type { JobQueue } from '../../../lib/queue/job-queue';
import { DatasetRepository } from '../dataset/dataset.repository';
import type { DatasetService } from '../dataset/dataset.service';
import type { ModelService } from '../model/model.service';
import { ModelVersionRepository } from '../model-version/model-version.repository';
import type { RegistryRequest } from '../registry-request';
import type { EpochMetrics } from '../../../ml/training/trainer';
import {
  publishJobChange,
  trainingJobCancelTopic,
  trainingJobTopic,
  type TrainingJobMessage,
} from './training-job-events';
import { decodeJobSnapshot, type TrainingJobView } from './training-job-snapshot';
import { isFinished, TrainingJob, type JobStatus, type TrainingJobEpoch } from './training-job.entity';
import { TrainingJobRepository, type TrainingJobListFilter } from './training-job.repository';
import { checkTrainingJob, type TrainingJobRequest } from './training-job.validation';

type Maybe<T> = T | null | undefined;

export type TrainingJobPage = Page<TrainingJob>;

export interface TrainingJobListArguments extends PageArguments {
  filter?: Maybe<{ modelId?: Maybe<string>; datasetId?: Maybe<string>; status?: Maybe<JobStatus> }>;
}

/** The repository's filter, or null when an id in it is malformed: it matches nothing. */
function listFilter(filter: TrainingJobListArguments['filter']): TrainingJobListFilter | null {
  const checked: TrainingJobListFilter = {};
  for (const key of ['modelId', 'datasetId'] as const) {
    const id = filter?.[key];
    if (id == null) continue;
    // PostgreSQL would refuse to compare a malformed id with a uuid column.
    if (!isUuid(id)) return null;
    checked[key] = id;
  }
  if (filter?.status) checked.status = filter.status;
  return checked;
}

export interface StartTrainingJobFields extends TrainingJobRequest {
  modelId: string;
  datasetId: string;
}

export interface TrainingJobEvent {
  job: TrainingJobView;
  epoch: EpochMetrics | null;
}

export interface TrainingJobServiceOptions {
  queue: JobQueue;
  bus: EventBus;
  logger: Logger;
  /** A subscription with no event for this long reads the job's row again. @default 30_000 */
  recheckMs?: number;
}

const DEFAULT_RECHECK_MS = 30_000;

/**
 * Training jobs for one request, in the caller's organization: starting (checked, then queued), reading,
 * cancelling, and the stream of a job's changes that `trainingJobUpdated` serves.
 */
export class TrainingJobService {
  private repository?: TrainingJobRepository;
  private readonly byId = entityLoader((ids) => this.repo().findByIds(ids));
  // Batched but not cached: one subscription keeps its context for many events, and the history grows.
  private readonly epochs = new DataLoader<string, TrainingJobEpoch[]>(
    async (ids) => {
      const byJob = await this.repo().epochsOf(ids);
      return ids.map((id) => byJob.get(id) ?? []);
    },
    { cache: false },
  );

  constructor(
    private readonly request: RegistryRequest,
    private readonly models: ModelService,
    private readonly datasets: DatasetService,
    private readonly options: TrainingJobServiceOptions,
  ) {}

  findById(id: string): Promise<TrainingJob | null> {
    return this.byId.load(id);
  }

  get(id: string): Promise<TrainingJob> {
    return loadExisting(this.byId, 'Training job', id);
  }

  history(job: TrainingJobView): Promise<TrainingJobEpoch[]> {
    return job.epoch === 0 ? Promise.resolve([]) : this.epochs.load(job.id);
  }

  async list(args: TrainingJobListArguments): Promise<TrainingJobPage> {
    const repository = this.repo();
    const filter = listFilter(args.filter);
    if (!filter) {
      // `first` is still checked: a bad one is refused whatever the filter.
      parsePageSize(args.first);
      return emptyPage();
    }
    const source = {
      findPage: (limit: number, after?: KeysetCursor) => repository.findPage(filter, limit, after),
      count: () => repository.count(filter),
    };
    return readPage(args, newestFirst, source, this.byId);
  }

  /**
   * Checks the request, writes the QUEUED job and queues it. The model and the dataset are share-locked while
   * the row is written, so a deletion of either sees the job (and refuses) or happens first (NOT_FOUND here).
   */
  async start(input: StartTrainingJobFields): Promise<TrainingJob> {
    const caller = this.request.writer('training jobs');
    const model = await this.models.get(input.modelId);
    const dataset = await this.datasets.get(input.datasetId);
    const checked = checkTrainingJob(model, dataset, input);
    const job = Object.assign(new TrainingJob(), {
      organizationId: caller.organizationId,
      ownerId: caller.userId,
      modelId: model.id,
      datasetId: dataset.id,
      algorithm: input.algorithm,
      targetColumn: checked.targetColumn,
      features: checked.features,
      hyperparameters: checked.hyperparameters,
      totalEpochs: checked.hyperparameters.epochs,
    });
    await this.request.transaction(async (em) => {
      if (!(await new ModelVersionRepository(em).shareLockModel(model.id))) {
        throw errors.notFound('Model', input.modelId);
      }
      const locked = await new DatasetRepository(em).shareLock(dataset.id);
      if (!locked) throw errors.notFound('Dataset', input.datasetId);
      await new TrainingJobRepository(em).insert(job);
    });
    try {
      await this.options.queue.enqueue(job.id);
    } catch (error) {
      // Never left QUEUED with nobody to run it.
      this.options.logger.error({ err: error, jobId: job.id }, 'could not queue a training job');
      await this.repo().transition(job.id, ['QUEUED'], 'FAILED', {
        error: 'the job could not be queued',
        finishedAt: new Date(),
      });
      throw errors.serviceUnavailable('The training queue is unavailable; try again shortly');
    }
    this.byId.prime(job.id, job);
    return job;
  }

  /**
   * QUEUED → CANCELLED at once. RUNNING → cancelRequested, announced to the worker (which also reads the flag
   * after each epoch, should the announcement be lost). A finished job is a CONFLICT.
   */
  async cancel(id: string): Promise<TrainingJob> {
    this.request.writer('training jobs');
    const job = await this.get(id);
    const repository = this.repo();
    const cancelled = await repository.transition(job.id, ['QUEUED'], 'CANCELLED', {
      finishedAt: new Date(),
    });
    if (cancelled) {
      await this.publish(cancelled);
      return this.prime(cancelled);
    }
    const requested = await repository.requestCancel(job.id);
    if (requested) {
      await this.options.bus.publish(trainingJobCancelTopic(job.id), { jobId: job.id }).catch((error) => {
        this.options.logger.warn({ err: error, jobId: job.id }, 'could not announce a cancel');
      });
      await this.publish(requested);
      return this.prime(requested);
    }
    const current = await repository.fresh(job.id);
    if (!current) throw errors.notFound('Training job', id);
    if (current.status === 'RUNNING') return this.prime(current); // cancel already requested
    throw errors.conflict(`Training job ${id} already ended: it is ${current.status}`);
  }

  /**
   * The job's current state, then each committed change in order, ending after a finished status. The bus is
   * subscribed before the row is read, so no change falls between the two; changes the row already shows
   * (revision not above it) are skipped. Ending the stream (the client leaves) unsubscribes at once.
   */
  async updates(jobId: string): Promise<AsyncIterableIterator<TrainingJobEvent>> {
    await this.get(jobId);
    const unsubscribe = new AbortController();
    const topic = trainingJobTopic(jobId);
    const messages = await this.options.bus.subscribe<TrainingJobMessage>(topic, unsubscribe.signal);
    let current: TrainingJob | null;
    try {
      current = await this.repo().fresh(jobId);
      if (!current) throw errors.notFound('Training job', jobId);
    } catch (error) {
      unsubscribe.abort();
      throw error;
    }
    const events = stream(current, messages, () => this.repo().fresh(jobId), this.options.recheckMs);
    return abortOnReturn(events, unsubscribe);
  }

  private async publish(job: TrainingJob): Promise<void> {
    await publishJobChange(this.options.bus, job, null).catch((error) => {
      this.options.logger.warn({ err: error, jobId: job.id }, 'could not publish a training job change');
    });
  }

  private prime(job: TrainingJob): TrainingJob {
    this.byId.clear(job.id).prime(job.id, job);
    return job;
  }

  private repo(): TrainingJobRepository {
    this.repository ??= new TrainingJobRepository(this.request.em());
    return this.repository;
  }
}

/**
 * Events from the bus; every `recheckMs` without one, the row is read again, so an event the bus lost (a
 * failed publish, a Redis reconnect) delays the stream but never stalls it, and it still ends.
 */
async function* stream(
  initial: TrainingJob,
  messages: AsyncIterableIterator<TrainingJobMessage>,
  reread: () => Promise<TrainingJob | null>,
  recheckMs = DEFAULT_RECHECK_MS,
): AsyncGenerator<TrainingJobEvent> {
  try {
    yield { job: initial, epoch: null };
    if (isFinished(initial.status)) return;
    let revision = initial.revision;
    let pending = messages.next();
    for (;;) {
      let timer: NodeJS.Timeout | undefined;
      const recheck = new Promise<'recheck'>(
        (resolve) => (timer = setTimeout(() => resolve('recheck'), recheckMs)),
      );
      const next = await Promise.race([pending, recheck]).finally(() => clearTimeout(timer));
      let event: TrainingJobEvent | null = null;
      if (next === 'recheck') {
        const row = await reread();
        if (!row) return;
        if (row.revision > revision) event = { job: row, epoch: null };
      } else {
        if (next.done) return;
        pending = messages.next();
        if (next.value.job.revision > revision)
          event = { job: decodeJobSnapshot(next.value.job), epoch: next.value.epoch };
      }
      if (!event) continue;
      revision = event.job.revision;
      yield event;
      if (isFinished(event.job.status)) return;
    }
  } finally {
    await messages.return?.();
  }
}

import type { EntityManager } from '../../../lib/database';
import { raw } from '@mikro-orm/knex';
import type { KeysetCursor } from '../../../lib/keyset-page';
import { findNewestFirst } from '../../../lib/keyset-query';
import type { EpochMetrics } from '../../../ml/training/trainer';
import { TrainingJob, TrainingJobEpoch, unfinishedStatuses, type JobStatus } from './training-job.entity';

export interface TrainingJobListFilter {
  modelId?: string;
  datasetId?: string;
  status?: JobStatus;
}

/** What a job's success links it to: the version it registered and the run holding its params and metrics. */
export interface TrainingJobResult {
  versionId: string;
  runId: string;
}

/** Fields a worker sets when a job ends. */
export type JobOutcome = Partial<Pick<TrainingJob, 'error' | 'resultVersionId' | 'runId' | 'progress'>>;

/**
 * Training job queries and state changes. The EntityManager it is given is confined to one organization by the
 * `organization` filter. Every change of status is one conditional UPDATE (the expected status in its WHERE),
 * so of a cancel and a worker, or two workers, exactly one wins; each change also bumps `revision`.
 */
export class TrainingJobRepository {
  constructor(readonly em: EntityManager) {}

  transactional<T>(work: (repository: TrainingJobRepository) => Promise<T>): Promise<T> {
    return this.em.transactional((em) => work(new TrainingJobRepository(em as EntityManager)));
  }

  findByIds(ids: readonly string[]): Promise<TrainingJob[]> {
    return this.em.find(TrainingJob, { id: { $in: [...ids] } });
  }

  /** The row as stored now, bypassing the identity map (a worker or a cancel may have changed it). */
  fresh(id: string): Promise<TrainingJob | null> {
    return this.em.findOne(TrainingJob, { id }, { refresh: true });
  }

  /** Up to `limit` jobs after the cursor (its value: createdAt), newest first, the id breaking ties. */
  findPage(filter: TrainingJobListFilter, limit: number, after?: KeysetCursor): Promise<TrainingJob[]> {
    return findNewestFirst(this.em, TrainingJob, { ...filter }, limit, after);
  }

  count(filter: TrainingJobListFilter): Promise<number> {
    return this.em.count(TrainingJob, { ...filter });
  }

  /** Ids of the QUEUED or RUNNING jobs reading a dataset (or training a model). */
  async unfinished(where: { datasetId: string } | { modelId: string }): Promise<string[]> {
    const jobs = await this.em.find(
      TrainingJob,
      { ...where, status: { $in: [...unfinishedStatuses] } },
      { fields: ['id'], disableIdentityMap: true },
    );
    return jobs.map((job) => job.id);
  }

  /**
   * The job's organization and owner, read past the organization filter: a worker holds nothing but a job id
   * and learns here whom it acts for. Only for an EntityManager a worker forked from the ORM.
   */
  async ownerOf(id: string): Promise<Pick<TrainingJob, 'organizationId' | 'ownerId'> | null> {
    const row = await this.em.findOne(
      TrainingJob,
      { id },
      { filters: false, fields: ['id', 'organizationId', 'ownerId'], disableIdentityMap: true },
    );
    return row && { organizationId: row.organizationId, ownerId: row.ownerId };
  }

  /** Ids of every QUEUED or RUNNING job of every organization, oldest first (past the filter, like `ownerOf`). */
  async unfinishedInEveryOrganization(): Promise<string[]> {
    const rows = await this.em.find(
      TrainingJob,
      { status: { $in: [...unfinishedStatuses] } },
      { filters: false, fields: ['id'], orderBy: { createdAt: 'asc' }, disableIdentityMap: true },
    );
    return rows.map((row) => row.id);
  }

  /** Finished jobs of a model, removed with the model (their epochs too). */
  async deleteForModel(modelId: string): Promise<void> {
    const jobs = await this.em.find(TrainingJob, { modelId }, { fields: ['id'], disableIdentityMap: true });
    const ids = jobs.map((job) => job.id);
    if (ids.length === 0) return;
    await this.em.nativeDelete(TrainingJobEpoch, { jobId: { $in: ids } });
    await this.em.nativeDelete(TrainingJob, { id: { $in: ids } });
  }

  /** Epochs of the jobs' current attempts, in order, keyed by job id. */
  async epochsOf(jobIds: readonly string[]): Promise<Map<string, TrainingJobEpoch[]>> {
    const rows = await this.em.find(
      TrainingJobEpoch,
      { jobId: { $in: [...jobIds] } },
      { orderBy: { jobId: 'asc', epoch: 'asc' }, disableIdentityMap: true },
    );
    const byJob = new Map<string, TrainingJobEpoch[]>();
    for (const row of rows) {
      const list = byJob.get(row.jobId) ?? [];
      list.push(row);
      byJob.set(row.jobId, list);
    }
    return byJob;
  }

  async insert(job: TrainingJob): Promise<void> {
    this.em.persist(job);
    await this.em.flush();
  }

  /**
   * Moves the job from one of `from` to `to` with `fields`; returns the row as stored after the change, or
   * null when the job was not in one of `from` (someone else changed it first). A worker passes its `attempt`:
   * once another attempt has taken the job over, the superseded run's writes change nothing.
   */
  async transition(
    id: string,
    from: readonly JobStatus[],
    to: JobStatus,
    fields: Partial<TrainingJob> = {},
    attempt?: number,
  ): Promise<TrainingJob | null> {
    const updated = await this.em.nativeUpdate(
      TrainingJob,
      { id, status: { $in: [...from] }, ...(attempt === undefined ? {} : { attempt }) },
      { ...fields, status: to, revision: raw('revision + 1'), updatedAt: new Date() },
    );
    return updated === 0 ? null : this.fresh(id);
  }

  /**
   * RUNNING → SUCCEEDED for attempt `attempt`, linked to its result; null when the job ended otherwise or another
   * attempt took it over. Run in the transaction that makes the version READY, so neither is without the other.
   */
  succeed(id: string, attempt: number, result: TrainingJobResult): Promise<TrainingJob | null> {
    return this.transition(
      id,
      ['RUNNING'],
      'SUCCEEDED',
      { resultVersionId: result.versionId, runId: result.runId, progress: 1, finishedAt: new Date() },
      attempt,
    );
  }

  /** Asks a RUNNING job to stop; null when it is not running any more. */
  async requestCancel(id: string): Promise<TrainingJob | null> {
    const updated = await this.em.nativeUpdate(
      TrainingJob,
      { id, status: 'RUNNING', cancelRequested: false },
      { cancelRequested: true, revision: raw('revision + 1'), updatedAt: new Date() },
    );
    return updated === 0 ? null : this.fresh(id);
  }

  /**
   * Starts attempt `seen.attempt + 1` of a job seen in `seen.status`: RUNNING, epoch 0, the history of an
   * earlier attempt dropped. Compare-and-set on the status and attempt seen, so of two workers handed the same
   * job, one starts it and the other gets null.
   */
  async startAttempt(id: string, seen: Pick<TrainingJob, 'status' | 'attempt'>): Promise<TrainingJob | null> {
    return this.transactional(async (repository) => {
      const started = await repository.transition(
        id,
        [seen.status],
        'RUNNING',
        { attempt: seen.attempt + 1, epoch: 0, progress: 0, startedAt: new Date() },
        seen.attempt,
      );
      if (started) await repository.em.nativeDelete(TrainingJobEpoch, { jobId: id });
      return started;
    });
  }

  /**
   * Records an epoch of attempt `attempt` of a RUNNING job; null when the job is no longer RUNNING or another
   * attempt took it over (the epoch is not recorded).
   */
  async recordEpoch(
    id: string,
    attempt: number,
    metrics: EpochMetrics,
    totalEpochs: number,
  ): Promise<TrainingJob | null> {
    return this.transactional(async (repository) => {
      const updated = await repository.em.nativeUpdate(
        TrainingJob,
        { id, status: 'RUNNING', attempt },
        {
          epoch: metrics.epoch,
          progress: Math.min(1, metrics.epoch / totalEpochs),
          revision: raw('revision + 1'),
          updatedAt: new Date(),
        },
      );
      if (updated === 0) return null;
      await repository.em.insert(TrainingJobEpoch, { jobId: id, ...metrics });
      return repository.fresh(id);
    });
  }
}

import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Orm } from '../../../lib/database';
import { RegistryRequest } from '../registry-request';
import { TrainingJob } from '../training-job/training-job.entity';
import { TrainingJobRepository } from '../training-job/training-job.repository';

export interface JobScope {
  job: TrainingJob;
  /** Acts as the job's owner in the job's organization: what the job writes is theirs, as if they wrote it. */
  request: RegistryRequest;
  jobs: TrainingJobRepository;
}

/**
 * A worker holds nothing but a job id. The job's row is read once without the organization filter (only its
 * organization and owner are taken from it); everything else goes through an EntityManager confined to that
 * organization, as in a request.
 */
export async function openJobScope(orm: Orm, jobId: string): Promise<JobScope | null> {
  const row = await orm.em
    .fork()
    .findOne(TrainingJob, { id: jobId }, { filters: false, fields: ['id', 'organizationId', 'ownerId'] });
  if (!row) return null;
  const caller: AuthenticatedCaller = {
    kind: 'user',
    userId: row.ownerId,
    organizationId: row.organizationId,
    role: 'MEMBER',
    scopes: [],
  };
  const request = new RegistryRequest(orm, caller);
  const jobs = new TrainingJobRepository(request.em());
  const job = await jobs.fresh(jobId);
  return job ? { job, request, jobs } : null;
}

/** Ids of every QUEUED or RUNNING job of every organization, oldest first (for queues that lose their jobs). */
export async function unfinishedJobIds(orm: Orm): Promise<string[]> {
  const rows = await orm.em
    .fork()
    .find(
      TrainingJob,
      { status: { $in: ['QUEUED', 'RUNNING'] } },
      { filters: false, fields: ['id'], orderBy: { createdAt: 'asc' } },
    );
  return rows.map((row) => row.id);
}

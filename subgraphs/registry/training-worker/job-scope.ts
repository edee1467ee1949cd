import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Orm } from '../../../lib/database';
import { RegistryRequest } from '../registry-request';
import type { TrainingJob } from '../training-job/training-job.entity';
import { TrainingJobRepository } from '../training-job/training-job.repository';

export interface JobScope {
  job: TrainingJob;
  /** Acts as the job's owner in the job's organization: what the job writes is theirs, as if they wrote it. */
  request: RegistryRequest;
  jobs: TrainingJobRepository;
}

/** Jobs of every organization: only a worker, which acts for no caller, reads them (its own fork of the ORM). */
const everyOrganization = (orm: Orm) => new TrainingJobRepository(orm.em.fork());

/**
 * A worker holds nothing but a job id. The job's organization and owner are read past the organization filter;
 * everything else goes through an EntityManager confined to that organization, as in a request.
 */
export async function openJobScope(orm: Orm, jobId: string): Promise<JobScope | null> {
  const owner = await everyOrganization(orm).ownerOf(jobId);
  if (!owner) return null;
  const caller: AuthenticatedCaller = {
    kind: 'user',
    userId: owner.ownerId,
    organizationId: owner.organizationId,
    role: 'MEMBER',
    scopes: [],
  };
  const request = new RegistryRequest(orm, caller);
  const jobs = new TrainingJobRepository(request.em());
  const job = await jobs.fresh(jobId);
  return job ? { job, request, jobs } : null;
}

/** Ids of every QUEUED or RUNNING job of every organization, oldest first (for queues that lose their jobs). */
export function unfinishedJobIds(orm: Orm): Promise<string[]> {
  return everyOrganization(orm).unfinishedInEveryOrganization();
}

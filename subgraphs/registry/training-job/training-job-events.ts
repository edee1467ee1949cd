import type { EventBus } from '../../../lib/bus/event-bus';
import type { EpochMetrics } from '../../../ml/training/trainer';
import { TrainingJob } from './training-job.entity';

/**
 * What travels on the bus for one job. A worker publishes after each change is committed, so the row a
 * subscriber reads is never behind an event it already got; `job.revision` orders them.
 */
export interface TrainingJobMessage {
  job: TrainingJob;
  /** The epoch that just ended, or null for a change of status. */
  epoch: EpochMetrics | null;
}

export const trainingJobTopic = (jobId: string): string => `training-job:${jobId}`;
/** Where a cancel is announced to the worker running the job (the row's `cancelRequested` is the fallback). */
export const trainingJobCancelTopic = (jobId: string): string => `training-job-cancel:${jobId}`;

const dateFields = ['createdAt', 'startedAt', 'finishedAt', 'updatedAt'] as const;

/** A job from a bus payload (JSON: dates arrive as strings) as an entity-shaped object for the resolvers. */
export function jobFromMessage(payload: TrainingJob): TrainingJob {
  // Not `new TrainingJob()`: its field initializers (a random id among them) would run once per subscriber
  // per event, only to be overwritten.
  const job = Object.assign(Object.create(TrainingJob.prototype) as TrainingJob, payload);
  for (const field of dateFields) {
    const value = payload[field] as Date | string | null;
    (job as unknown as Record<string, Date | null>)[field] = value === null ? null : new Date(value);
  }
  return job;
}

/** Publishes a committed change; a failed publish is logged by the caller and never undoes the change. */
export function publishJobChange(bus: EventBus, job: TrainingJob, epoch: EpochMetrics | null): Promise<void> {
  const message: TrainingJobMessage = { job: { ...job }, epoch };
  return bus.publish(trainingJobTopic(job.id), message);
}

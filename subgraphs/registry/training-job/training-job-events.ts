import type { EventBus } from '../../../lib/bus/event-bus';
import type { EpochMetrics } from '../../../ml/training/trainer';
import { encodeJobSnapshot, type TrainingJobSnapshot, type TrainingJobView } from './training-job-snapshot';

/**
 * What travels on the bus for one job. A worker publishes after each change is committed, so the row a
 * subscriber reads is never behind an event it already got; `job.revision` orders them.
 */
export interface TrainingJobMessage {
  job: TrainingJobSnapshot;
  /** The epoch that just ended, or null for a change of status. */
  epoch: EpochMetrics | null;
}

export const trainingJobTopic = (jobId: string): string => `training-job:${jobId}`;
/** Where a cancel is announced to the worker running the job (the row's `cancelRequested` is the fallback). */
export const trainingJobCancelTopic = (jobId: string): string => `training-job-cancel:${jobId}`;

/** Publishes a committed change; a failed publish is logged by the caller and never undoes the change. */
export function publishJobChange(
  bus: EventBus,
  job: TrainingJobView,
  epoch: EpochMetrics | null,
): Promise<void> {
  const message: TrainingJobMessage = { job: encodeJobSnapshot(job), epoch };
  return bus.publish(trainingJobTopic(job.id), message);
}

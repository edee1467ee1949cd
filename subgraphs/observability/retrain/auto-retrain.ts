import { GraphQLError } from 'graphql';
import type { AuthenticatedCaller } from '../../../lib/caller';
import type { EntityManager } from '../../../lib/database';
import type { RetrainStatus } from '../drift-alert/drift-alert.entity';
import type { DriftPolicy } from '../drift-policy/drift-policy.entity';
import type { DriftReport } from '../drift/drift-report.entity';
import type { DriftRuntime } from '../drift/drift-runtime';
import { lockDriftState } from '../drift/drift-state-lock';
import { PlatformClient } from '../drift/platform-client';
import { retrainInput } from './retrain-input';

export interface RetrainDecision {
  status: RetrainStatus;
  jobId: string | null;
  message: string;
}

const unfinished = new Set(['QUEUED', 'RUNNING']);

/**
 * Whether a drift alert starts a training job, and starts it: as the member who set the policy, with the
 * configuration of the job that trained the drifted version (or the policy's dataset). The model's state row is
 * locked meanwhile, so two replicas raising alerts at once start one job; one retrain in flight per model, and
 * none within the cooldown of the last one.
 */
export async function decideRetrain(
  runtime: DriftRuntime,
  report: DriftReport,
  policy: DriftPolicy | null,
  alertId: string,
): Promise<RetrainDecision> {
  if (!policy?.autoRetrain || !policy.updatedBy || !policy.updatedByRole)
    return { status: 'DISABLED', jobId: null, message: 'autoRetrain is off in the drift policy' };
  const caller: AuthenticatedCaller = {
    kind: 'user',
    userId: policy.updatedBy,
    organizationId: report.organizationId,
    role: policy.updatedByRole,
    scopes: [],
  };
  const platform = new PlatformClient(runtime.config, caller);
  try {
    return await runtime.orm.em
      .fork()
      .transactional((em) => startUnlessBusy(em as EntityManager, platform, report, policy, alertId));
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { status: 'NOT_STARTED', jobId: null, message: `The retrain could not start: ${error.message}` };
  }
}

async function startUnlessBusy(
  em: EntityManager,
  platform: PlatformClient,
  report: DriftReport,
  policy: DriftPolicy,
  alertId: string,
): Promise<RetrainDecision> {
  const state = await lockDriftState(em, report.modelId);
  if (!state) return { status: 'NOT_STARTED', jobId: null, message: 'The model has no drift window' };
  if (state.retrainJobId) {
    const previous = await platform.trainingJob(state.retrainJobId);
    if (unfinished.has(previous.status))
      return {
        status: 'IN_FLIGHT',
        jobId: null,
        message: `Training job ${previous.id} of the previous retrain is still ${previous.status}`,
      };
  }
  const cooldownEnds = (state.retrainStartedAt?.getTime() ?? 0) + policy.retrainCooldownMinutes * 60_000;
  if (cooldownEnds > Date.now())
    return {
      status: 'COOLDOWN',
      jobId: null,
      message: `The model was retrained less than ${policy.retrainCooldownMinutes} minutes ago; the next retrain can start after ${new Date(cooldownEnds).toISOString()}`,
    };
  const retrain = await retrainInput(platform, report, policy);
  if ('reason' in retrain) return { status: 'NOT_STARTED', jobId: null, message: retrain.reason };
  const job = await platform.startTrainingJob(retrain.input);
  state.retrainJobId = job.id;
  state.retrainStartedAt = new Date();
  state.pendingDeployAlertId = policy.autoDeploy ? alertId : null;
  return {
    status: 'STARTED',
    jobId: job.id,
    message: `Training job ${job.id} retrains the model on dataset ${retrain.datasetId}`,
  };
}

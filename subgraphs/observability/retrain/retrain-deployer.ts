import type { AuthenticatedCaller } from '../../../lib/caller';
import { startPeriodicTask } from '../../../lib/periodic-task';
import type { EntityManager } from '../../../lib/database';
import { DriftAlert } from '../drift-alert/drift-alert.entity';
import { DriftPolicy } from '../drift-policy/drift-policy.entity';
import type { DriftRuntime } from '../drift/drift-runtime';
import { DriftState } from '../drift/drift-state.entity';
import { lockDriftState } from '../drift/drift-state-lock';
import { PlatformClient } from '../drift/platform-client';
import { validationMetric } from './validation-metric';

/**
 * autoDeploy, followed by polling rather than by the job's bus topic: a poll survives this replica's restart and
 * a missed message, and the state row (pendingDeployAlertId) is the one record of what is still to settle. Each
 * pending model is settled under its row lock, so replicas that poll together deploy once.
 */
export async function settlePendingDeploys(runtime: DriftRuntime): Promise<void> {
  const pending = await runtime.orm.em
    .fork()
    .find(DriftState, { pendingDeployAlertId: { $ne: null } }, { fields: ['modelId'] });
  for (const { modelId } of pending) {
    try {
      await runtime.orm.em.fork().transactional((em) => settle(runtime, em as EntityManager, modelId));
    } catch (error) {
      runtime.logger.warn({ err: error, modelId }, 'could not settle the auto-deploy of a retrain');
    }
  }
}

async function settle(runtime: DriftRuntime, em: EntityManager, modelId: string): Promise<void> {
  const state = await lockDriftState(em, modelId);
  if (!state?.pendingDeployAlertId || !state.retrainJobId) return;
  const where = { organizationId: state.organizationId };
  const policy = await em.findOne(DriftPolicy, { modelId, ...where }, { filters: false });
  const alert = await em.findOne(
    DriftAlert,
    { id: state.pendingDeployAlertId, ...where },
    { filters: false },
  );
  if (!alert || !policy?.updatedBy || !policy.updatedByRole) return;
  const caller: AuthenticatedCaller = {
    kind: 'user',
    userId: policy.updatedBy,
    organizationId: state.organizationId,
    role: policy.updatedByRole,
    scopes: [],
  };
  const result = await deployIfBetter(
    new PlatformClient(runtime.config, caller),
    modelId,
    state.retrainJobId,
  );
  if (result === null) return;
  alert.autoDeployResult = result;
  state.pendingDeployAlertId = null;
}

/** What autoDeploy did, or null while the job has not finished. */
async function deployIfBetter(
  platform: PlatformClient,
  modelId: string,
  jobId: string,
): Promise<string | null> {
  const job = await platform.trainingJob(jobId);
  if (job.status === 'QUEUED' || job.status === 'RUNNING') return null;
  if (job.status !== 'SUCCEEDED' || !job.resultVersion)
    return `Not deployed: training job ${jobId} ended ${job.status}`;
  const retrained = job.resultVersion;
  const currentId = await platform.deployedVersionId(modelId);
  const current = currentId ? await platform.version(currentId) : null;
  const comparison = validationMetric(retrained.metrics, current?.metrics ?? null);
  if (!comparison.better) return `Not deployed: ${comparison.reason}`;
  const deployment = await platform.deployModel(modelId, retrained.id);
  return `Deployed version ${retrained.id} (deployment ${deployment.id}): ${comparison.reason}`;
}

/** Settles pending auto-deploys every DRIFT_RETRAIN_POLL_MS, stopped with the subgraph's other background work. */
export function startRetrainDeployer(runtime: DriftRuntime): { stop(): Promise<void> } {
  return startPeriodicTask(() => settlePendingDeploys(runtime), {
    name: 'drift-retrain-deployer',
    intervalMs: runtime.config.drift.retrainPollMs,
    logger: runtime.logger,
  });
}

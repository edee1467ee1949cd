import type { Logger } from '../../../lib/logger';
import type { InferenceRequest } from '../inference-request';
import type { ServedDeployment } from '../serving/model-sessions';
import type { InferenceDependencies } from '../services';
import type { Deployment } from './deployment.entity';
import { DeploymentRepository } from './deployment.repository';

type RolloutDependencies = Pick<InferenceDependencies, 'sessions' | 'announce'> & { logger: Logger };

/**
 * Takes a PENDING deployment to READY or FAILED: LOADING while this replica loads (and warms up) the file, then
 * the switch. Every step re-reads the row under a lock, so what happened meanwhile wins over the load:
 * - an undeploy (STOPPED) or the stale sweep (FAILED) is never turned into READY, and the session loaded for
 *   nothing is released on every replica;
 * - of two deployments of one model, the one deployed later wins: a load that ends after a later deployment of
 *   the model is already READY ends STOPPED, and one that ends first serves until the later one is READY. Either
 *   order, the model ends with one READY deployment, the latest that loaded.
 *
 * Runs on a request of its own (`InferenceRequest.detached`): a deployment finishing in the background must not
 * change the entity a response is still being written from. One per replica; `drain` waits for those in flight.
 */
export class DeploymentRollouts {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly dependencies: RolloutDependencies) {}

  /** Loads the deployment and switches to it; resolves with the deployment as it ended (READY, FAILED, STOPPED). */
  async complete(request: InferenceRequest, deploymentId: string): Promise<Deployment> {
    const loading = await this.markLoading(request, deploymentId);
    if (loading.status !== 'LOADING') return loading;
    try {
      await this.dependencies.sessions.load(servedOf(loading), request.user());
    } catch (error) {
      // Whatever stops the file from loading (SHA-256 mismatch, onnxruntime, an unplannable graph) is the reason.
      return this.fail(request, deploymentId, (error as Error).message);
    }
    return this.switchTo(request, loading);
  }

  /**
   * `complete` without waiting for it. A failure here (the database went away) is logged; the row it leaves
   * PENDING or LOADING is failed by the stale sweep.
   */
  start(request: InferenceRequest, deploymentId: string): void {
    const running = this.complete(request, deploymentId)
      .catch((error: unknown) => {
        this.dependencies.logger.error({ err: error, deploymentId }, 'could not finish a deployment');
      })
      .finally(() => this.inFlight.delete(running));
    this.inFlight.add(running);
  }

  /** Waits for the deployments being finished in the background (before the database closes). */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private markLoading(request: InferenceRequest, deploymentId: string): Promise<Deployment> {
    return request.transaction(async (em) => {
      const row = await locked(new DeploymentRepository(em), deploymentId);
      // STOPPED or FAILED before its load began: nothing to load.
      if (row.status === 'PENDING') row.status = 'LOADING';
      return row;
    });
  }

  private fail(request: InferenceRequest, deploymentId: string, reason: string): Promise<Deployment> {
    return request.transaction(async (em) => {
      const row = await locked(new DeploymentRepository(em), deploymentId);
      if (row.status === 'LOADING') Object.assign(row, { status: 'FAILED', error: reason });
      return row;
    });
  }

  /** READY unless stopped, failed or outrun meanwhile; the READY ones it replaces are STOPPED in the same commit. */
  private async switchTo(request: InferenceRequest, loaded: Deployment): Promise<Deployment> {
    const { row, stopped } = await request.transaction(async (em) => {
      // Only the one statement locks (see lockActiveOfModel): locking this row first would deadlock two switches.
      const active = await new DeploymentRepository(em).lockActiveOfModel(loaded.modelId, loaded.id);
      return decide(active, loaded.id);
    });
    if (stopped.length) {
      await Promise.all(stopped.map((id) => this.dependencies.sessions.release(id)));
      await this.dependencies.announce({ kind: 'stopped', deploymentIds: stopped });
    }
    if (row.status === 'READY')
      await this.dependencies.announce({ kind: 'ready', deployment: servedOf(row), caller: request.user() });
    return row;
  }
}

/**
 * The switch, on the model's active deployments as locked: which becomes what, and whose sessions go (the
 * deployment's own when it does not serve: it was loaded here for nothing).
 */
function decide(active: Deployment[], deploymentId: string): { row: Deployment; stopped: string[] } {
  const row = active.find((deployment) => deployment.id === deploymentId)!;
  if (row.status !== 'LOADING') return { row, stopped: [row.id] };
  const ready = active.filter((deployment) => deployment.status === 'READY');
  const later = ready.find((deployment) => deployedAfter(deployment, row));
  if (later) {
    Object.assign(row, { status: 'STOPPED', error: `replaced by deployment ${later.id}, deployed after it` });
    return { row, stopped: [row.id] };
  }
  Object.assign(row, { status: 'READY', readyAt: new Date() });
  for (const previous of ready) previous.status = 'STOPPED';
  return { row, stopped: ready.map((previous) => previous.id) };
}

/** Deploy order: creation time, the id breaking ties (as deployments are listed, newest first). */
function deployedAfter(a: Deployment, b: Deployment): boolean {
  const difference = a.createdAt.getTime() - b.createdAt.getTime();
  return difference > 0 || (difference === 0 && a.id > b.id);
}

async function locked(repository: DeploymentRepository, deploymentId: string): Promise<Deployment> {
  const row = await repository.lock(deploymentId);
  // Deployments are never deleted: a row inserted by this replica is there.
  if (!row) throw new Error(`deployment ${deploymentId} is gone`);
  return row;
}

/** The deployment as the other replicas load it: plain data, for the bus. */
export function servedOf(deployment: Deployment): ServedDeployment {
  const { id, versionId, sha256, inputSchema, outputLabels } = deployment;
  return { id, versionId, sha256, inputSchema, outputLabels };
}

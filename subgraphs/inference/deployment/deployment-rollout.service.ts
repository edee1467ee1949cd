import { errors } from '../../../lib/errors';
import type { InferenceRequest } from '../inference-request';
import { checkCacheTtl } from '../prediction/prediction-cache';
import type { InferenceDependencies } from '../services';
import { Deployment } from './deployment.entity';
import { DeploymentRepository } from './deployment.repository';
import type { DeploymentService } from './deployment.service';
import type { RegistryVersion } from './registry-versions';

/**
 * Deploys and stops versions. A deployment is loaded (and warmed up) before it serves, and only then replaces the
 * model's previous one, so predictions never fail during a redeploy (see DeploymentRollouts for the switch).
 */
export class DeploymentRolloutService {
  constructor(
    private readonly request: InferenceRequest,
    private readonly deployments: DeploymentService,
    private readonly dependencies: Pick<
      InferenceDependencies,
      'registry' | 'sessions' | 'announce' | 'rollouts'
    >,
  ) {}

  /**
   * READY, or FAILED with the reason the file cannot be served (or STOPPED when undeployed or outrun meanwhile).
   * Without `wait`, the deployment PENDING at once, loaded in the background.
   */
  async deploy(
    modelId: string,
    versionId?: string | null,
    cacheTtlSeconds?: number | null,
    wait = true,
  ): Promise<Deployment> {
    const caller = this.request.writer('deployments');
    checkCacheTtl(cacheTtlSeconds);
    const { model, version } = await this.dependencies.registry.resolve(caller, modelId, versionId);
    if (!version) throw errors.conflict(`model ${modelId} has no READY version to deploy`);
    const artifact = readyArtifact(version);
    const deployment = Object.assign(new Deployment(), {
      organizationId: caller.organizationId,
      modelId: model.id,
      versionId: version.id,
      taskType: model.taskType,
      inputSchema: version.inputSchema,
      outputLabels: version.outputLabels,
      artifactKey: artifact.key,
      sha256: artifact.sha256,
      cacheTtlSeconds: cacheTtlSeconds ?? null,
    });
    await this.deployments.repo().insert(deployment);
    const { rollouts } = this.dependencies;
    if (wait) return rollouts.complete(this.request.detached(), deployment.id);
    rollouts.start(this.request.detached(), deployment.id);
    return deployment;
  }

  /** STOPPED, on every replica; a deployment still loading is stopped too and never becomes READY. */
  async undeploy(deploymentId: string): Promise<Deployment> {
    this.request.writer('deployments');
    await this.deployments.get(deploymentId);
    const { deployment, changed } = await this.request.transaction(async (em) => {
      const row = await new DeploymentRepository(em).lock(deploymentId);
      if (!row) throw errors.notFound('Deployment', deploymentId);
      const wasStopped = row.status === 'STOPPED';
      row.status = 'STOPPED';
      return { deployment: row, changed: !wasStopped };
    });
    if (!changed) return deployment;
    await this.dependencies.sessions.release(deployment.id);
    await this.dependencies.announce({ kind: 'stopped', deploymentIds: [deployment.id] });
    return deployment;
  }
}

function readyArtifact(version: RegistryVersion): { key: string; sha256: string } {
  if (version.status !== 'READY' || !version.artifact)
    throw errors.conflict(
      `version ${version.version} (${version.id}) is ${version.status}; only READY versions can be deployed`,
    );
  return version.artifact;
}

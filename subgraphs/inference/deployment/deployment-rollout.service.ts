import { errors } from '../../../lib/errors';
import type { InferenceRequest } from '../inference-request';
import { checkCacheTtl } from '../prediction/prediction-cache';
import type { ServedDeployment } from '../serving/model-sessions';
import type { InferenceDependencies } from '../services';
import { Deployment } from './deployment.entity';
import type { DeploymentService } from './deployment.service';
import type { RegistryVersion } from './registry-versions';

/**
 * Deploys and stops versions. A deployment is loaded (and warmed up) before it serves, and only then replaces the
 * model's previous one, so predictions never fail during a redeploy.
 */
export class DeploymentRolloutService {
  constructor(
    private readonly request: InferenceRequest,
    private readonly deployments: DeploymentService,
    private readonly dependencies: Pick<InferenceDependencies, 'registry' | 'sessions' | 'announce'>,
  ) {}

  /** READY, or FAILED with the reason the file cannot be served. */
  async deploy(
    modelId: string,
    versionId?: string | null,
    cacheTtlSeconds?: number | null,
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
    const repository = this.deployments.repo();
    await repository.insert(deployment);
    deployment.status = 'LOADING';
    await repository.flush();
    try {
      await this.dependencies.sessions.load(deployment, caller);
    } catch (error) {
      // Whatever stops the file from loading (SHA-256 mismatch, onnxruntime, an unplannable graph) is the reason.
      deployment.status = 'FAILED';
      deployment.error = (error as Error).message;
      await repository.flush();
      return deployment;
    }
    await this.switchTo(deployment);
    await this.dependencies.announce({ kind: 'ready', deployment: servedOf(deployment), caller });
    return deployment;
  }

  async undeploy(deploymentId: string): Promise<Deployment> {
    this.request.writer('deployments');
    const deployment = await this.deployments.get(deploymentId);
    if (deployment.status === 'STOPPED') return deployment;
    deployment.status = 'STOPPED';
    await this.deployments.repo().flush();
    await this.dependencies.sessions.release(deployment.id);
    await this.dependencies.announce({ kind: 'stopped', deploymentIds: [deployment.id] });
    return deployment;
  }

  /** Makes the loaded deployment READY and stops the one(s) it replaces, in one flush. */
  private async switchTo(deployment: Deployment): Promise<void> {
    const repository = this.deployments.repo();
    const replaced = await repository.findReadyOthers(deployment.modelId, deployment.id);
    deployment.status = 'READY';
    deployment.readyAt = new Date();
    for (const previous of replaced) previous.status = 'STOPPED';
    await repository.flush();
    if (!replaced.length) return;
    const deploymentIds = replaced.map((previous) => previous.id);
    await Promise.all(deploymentIds.map((id) => this.dependencies.sessions.release(id)));
    await this.dependencies.announce({ kind: 'stopped', deploymentIds });
  }
}

function readyArtifact(version: RegistryVersion): { key: string; sha256: string } {
  if (version.status !== 'READY' || !version.artifact)
    throw errors.conflict(
      `version ${version.version} (${version.id}) is ${version.status}; only READY versions can be deployed`,
    );
  return version.artifact;
}

/** The deployment as the other replicas load it: plain data, for the bus. */
function servedOf(deployment: Deployment): ServedDeployment {
  const { id, versionId, sha256, inputSchema, outputLabels } = deployment;
  return { id, versionId, sha256, inputSchema, outputLabels };
}

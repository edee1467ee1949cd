import type { AuthenticatedCaller } from '../../../lib/caller';
import { ModelLoadError, ServingModel } from '../../../ml/onnx-runtime/serving-model';
import type { Deployment } from '../deployment/deployment.entity';
import type { RegistryVersions } from '../deployment/registry-versions';

/** What loading a deployment takes: the row's copy of the version. */
export type ServedDeployment = Pick<
  Deployment,
  'id' | 'versionId' | 'sha256' | 'inputSchema' | 'outputLabels'
>;

/**
 * The models this replica has loaded, by deployment id. Every replica loads a deployment itself, the first time
 * it is asked to (a deploy on this replica, or the first prediction after a restart or on another replica), with
 * a fresh presigned URL from the registry: no replica reads the registry's bucket.
 */
export class ModelSessions {
  // Promises, so that concurrent first predictions share one load.
  private readonly models = new Map<string, Promise<ServingModel>>();
  private readonly loaded = new Set<string>();

  constructor(
    private readonly registry: RegistryVersions,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The deployment's model, loaded now if this replica has not loaded it yet. */
  get(deployment: ServedDeployment, caller: AuthenticatedCaller): Promise<ServingModel> {
    return this.models.get(deployment.id) ?? this.load(deployment, caller);
  }

  /** Loads the deployment's file (checked against its SHA-256, warmed up); ModelLoadError when it cannot be served. */
  load(deployment: ServedDeployment, caller: AuthenticatedCaller): Promise<ServingModel> {
    const loading = this.download(deployment, caller).then((bytes) =>
      ServingModel.load(bytes, deployment.sha256, {
        features: deployment.inputSchema,
        labels: deployment.outputLabels ?? null,
      }),
    );
    this.models.set(deployment.id, loading);
    loading.then(
      () => {
        if (this.models.get(deployment.id) === loading) this.loaded.add(deployment.id);
      },
      // A failed load is not kept: the next prediction tries again (the registry may have been unreachable).
      () => {
        if (this.models.get(deployment.id) === loading) this.models.delete(deployment.id);
      },
    );
    return loading;
  }

  /** Loaded, or being loaded. */
  has(deploymentId: string): boolean {
    return this.models.has(deploymentId);
  }

  /** Loaded and warmed up: a prediction on this replica will not wait for a download. */
  isLoaded(deploymentId: string): boolean {
    return this.loaded.has(deploymentId);
  }

  /** Frees the session of a STOPPED deployment. */
  async release(deploymentId: string): Promise<void> {
    const loading = this.models.get(deploymentId);
    if (!loading) return;
    this.models.delete(deploymentId);
    this.loaded.delete(deploymentId);
    const model = await loading.catch(() => null);
    await model?.release();
  }

  async releaseAll(): Promise<void> {
    await Promise.all([...this.models.keys()].map((id) => this.release(id)));
  }

  private async download(deployment: ServedDeployment, caller: AuthenticatedCaller): Promise<Uint8Array> {
    const url = await this.registry.downloadUrl(caller, deployment.versionId);
    const response = await this.fetchImpl(url);
    if (!response.ok)
      throw new ModelLoadError(`the file could not be downloaded: ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

import { performance } from 'node:perf_hooks';
import type { AuthenticatedCaller } from '../../../lib/caller';
import { ModelLoadError, ServingModel, type RowPrediction } from '../../../ml/onnx-runtime/serving-model';
import { MicroBatcher } from '../../../ml/onnx-runtime/micro-batcher';
import type { FeatureRow } from '../../../ml/onnx-runtime/onnx-feeds';
import { ServingModelCache } from '../../../ml/onnx-runtime/serving-model-cache';
import { withSpan } from '../../../lib/tracing/spans';
import type { Deployment } from '../deployment/deployment.entity';
import type { RegistryVersions } from '../deployment/registry-versions';

/** What loading a deployment takes: the row's copy of the version. */
export type ServedDeployment = Pick<
  Deployment,
  'id' | 'versionId' | 'sha256' | 'inputSchema' | 'outputLabels'
>;

export interface ModelSessionsOptions {
  /** Budget of the loaded models' file sizes (INFERENCE_MEMORY_MB). */
  maxBytes: number;
  /** Rows of one micro-batch at most (BATCH_MAX_SIZE). */
  batchMaxSize?: number;
  /** How long a single prediction may wait for others to join its batch (BATCH_MAX_DELAY_MS). */
  batchMaxDelayMs?: number;
  /** Sees each micro-batch's size. */
  onBatch?: (size: number) => void;
}

/** Sees what the models of the replica run: the cache's L2 policy and the metrics need it. */
export interface ModelRunObserver {
  /** A model run of `rows` rows (a micro-batch or a predictBatch) took `ms`, loading excluded. */
  onRun?(deploymentId: string, rows: number, ms: number): void;
  /** A micro-batch of single predictions of `size` rows is about to run. */
  onBatch?(deploymentId: string, size: number): void;
  /** The deployment was STOPPED: what was kept about it can go. */
  onRelease?(deploymentId: string): void;
}

interface Source {
  deployment: ServedDeployment;
  /** Who asks: the registry hands the presigned URL of the file to a member of the model's organization. */
  caller: AuthenticatedCaller;
}

/**
 * The models this replica has loaded, by deployment id, under the replica's memory budget (`INFERENCE_MEMORY_MB`):
 * the least recently used are evicted and load again on their next use. Every replica loads a deployment itself,
 * the first time it is asked to (a deploy event, or the first prediction after a restart, an eviction or on another
 * replica), with a fresh presigned URL from the registry: no replica reads the registry's bucket.
 */
export class ModelSessions {
  private readonly sources = new Map<string, Source>();
  private readonly loaded = new Set<string>();
  private readonly cache: ServingModelCache;

  /** Per deployment: its concurrent single predictions, run together. */
  private readonly batchers = new Map<string, MicroBatcher<FeatureRow, RowPrediction>>();
  private readonly observers: ModelRunObserver[] = [];

  constructor(
    private readonly registry: RegistryVersions,
    private readonly options: ModelSessionsOptions,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {
    this.cache = new ServingModelCache({ maxBytes: options.maxBytes, load: (id) => this.loadSource(id) });
  }

  /** Adds an observer of every run from now on (the module adds its own to sessions a test may have made). */
  observe(observer: ModelRunObserver): void {
    this.observers.push(observer);
  }

  /** One row's prediction, run in one batch with the other single rows that arrive while the model is busy. */
  predictOne(
    deployment: ServedDeployment,
    caller: AuthenticatedCaller,
    row: FeatureRow,
  ): Promise<RowPrediction> {
    this.sources.set(deployment.id, { deployment, caller });
    let batcher = this.batchers.get(deployment.id);
    if (!batcher) {
      batcher = new MicroBatcher({
        run: (rows) => this.cache.use(deployment.id, (model) => this.run(deployment.id, model, rows)),
        maxBatchSize: this.options.batchMaxSize,
        maxDelayMs: this.options.batchMaxDelayMs,
        onBatch: (size) => {
          this.options.onBatch?.(size);
          for (const observer of this.observers) observer.onBatch?.(deployment.id, size);
        },
      });
      this.batchers.set(deployment.id, batcher);
    }
    return batcher.submit(row);
  }

  /** The rows' predictions in one run (a predictBatch), loading the model first if need be. */
  predictMany(
    deployment: ServedDeployment,
    caller: AuthenticatedCaller,
    rows: readonly FeatureRow[],
  ): Promise<RowPrediction[]> {
    return this.use(deployment, caller, (model) => this.run(deployment.id, model, rows));
  }

  /** Runs `work` on the deployment's model, loaded first if need be; the model stays loaded while it runs. */
  use<T>(
    deployment: ServedDeployment,
    caller: AuthenticatedCaller,
    work: (model: ServingModel) => Promise<T>,
  ) {
    this.sources.set(deployment.id, { deployment, caller });
    return this.cache.use(deployment.id, work);
  }

  /** Loads the deployment's file (checked against its SHA-256, warmed up); ModelLoadError when it cannot be served. */
  async load(deployment: ServedDeployment, caller: AuthenticatedCaller): Promise<void> {
    await this.use(deployment, caller, async () => undefined);
  }

  /** Loaded, or being loaded. */
  has(deploymentId: string): boolean {
    return this.cache.keys().includes(deploymentId);
  }

  /** Loaded and warmed up: a prediction on this replica will not wait for a download. */
  isLoaded(deploymentId: string): boolean {
    return this.loaded.has(deploymentId) && this.has(deploymentId);
  }

  /** Frees the session of a STOPPED deployment (once its running predictions end). */
  async release(deploymentId: string): Promise<void> {
    this.sources.delete(deploymentId);
    this.loaded.delete(deploymentId);
    this.batchers.delete(deploymentId);
    this.cache.delete(deploymentId);
    for (const observer of this.observers) observer.onRelease?.(deploymentId);
  }

  async releaseAll(): Promise<void> {
    this.sources.clear();
    this.loaded.clear();
    this.batchers.clear();
    this.cache.clear();
  }

  /** One model run (a session run of ONNX Runtime), timed for the observers and traced. */
  private run(
    deploymentId: string,
    model: ServingModel,
    rows: readonly FeatureRow[],
  ): Promise<RowPrediction[]> {
    const attributes = { 'mlaas.deployment.id': deploymentId, 'mlaas.model_run.rows': rows.length };
    return withSpan('inference', 'model run', { attributes }, async () => {
      const started = performance.now();
      const predictions = await model.predict(rows);
      const ms = performance.now() - started;
      for (const observer of this.observers) observer.onRun?.(deploymentId, rows.length, ms);
      return predictions;
    });
  }

  private loadSource(deploymentId: string): Promise<ServingModel> {
    const attributes = { 'mlaas.deployment.id': deploymentId };
    return withSpan('inference', 'model load', { attributes }, () => this.loadTraced(deploymentId));
  }

  private async loadTraced(deploymentId: string): Promise<ServingModel> {
    const source = this.sources.get(deploymentId);
    if (!source) throw new ModelLoadError(`deployment ${deploymentId} is no longer served by this replica`);
    const { deployment, caller } = source;
    const bytes = await this.download(deployment, caller);
    const model = await ServingModel.load(bytes, deployment.sha256, {
      features: deployment.inputSchema,
      labels: deployment.outputLabels ?? null,
    });
    this.loaded.add(deploymentId);
    return model;
  }

  private async download(deployment: ServedDeployment, caller: AuthenticatedCaller): Promise<Uint8Array> {
    const url = await this.registry.downloadUrl(caller, deployment.versionId);
    const response = await this.fetchImpl(url);
    if (!response.ok)
      throw new ModelLoadError(`the file could not be downloaded: ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

import { performance } from 'node:perf_hooks';
import { errors } from '../../../lib/errors';
import { FeedError, type FeatureRow } from '../../../ml/onnx-runtime/onnx-feeds';
import { NonFiniteOutputError } from '../../../ml/onnx-runtime/onnx-outputs';
import { ModelLoadError, type RowPrediction } from '../../../ml/onnx-runtime/serving-model';
import type { Deployment } from '../deployment/deployment.entity';
import type { DeploymentService } from '../deployment/deployment.service';
import type { InferenceRequest } from '../inference-request';
import type { ModelSessions } from '../serving/model-sessions';
import type { ReadyDeployments } from '../serving/ready-deployments';
import type { PredictionCache, PredictionCacheLevel } from './prediction-cache';
import type { PredictionEventQueue } from './prediction-events';
import { toFeatureRow, type PredictionInputArgument } from './prediction-input';
import { featureVector, predictionKey } from './prediction-key';
import type { PredictionMetrics } from './prediction-metrics';
import { answeredEvents, failedEvents, type RowOutcome } from './prediction-record';

/** A Prediction as the resolvers return it. */
export interface PredictionView extends RowPrediction {
  modelVersion: { id: string };
  latencyMs: number;
  cacheHit: boolean;
  /** Null when the row was computed. */
  cachedIn: PredictionCacheLevel | null;
}

/** What predicting shares across requests on one replica. */
export interface PredictionDependencies {
  sessions: ModelSessions;
  /** Rows a predictBatch may carry (PREDICT_BATCH_MAX). */
  predictBatchMax: number;
  cache: PredictionCache;
  /** How long answers stay cached when the deployment does not say (PREDICTION_CACHE_TTL_SECONDS). */
  cacheTtlSeconds: number;
  events: PredictionEventQueue;
  metrics: PredictionMetrics;
  /** The READY deployment of each model, without a database read per prediction. */
  ready: ReadyDeployments;
}

type RunRows = (deployment: Deployment, caller: Caller, rows: FeatureRow[]) => Promise<RowPrediction[]>;

/**
 * Predictions on a model's READY deployment. Every role may predict. Rows are looked up in the prediction cache
 * first and only the misses run; every row (cached, computed or failed) becomes an event and counts in /metrics.
 */
export class PredictionService {
  constructor(
    private readonly request: InferenceRequest,
    private readonly deployments: DeploymentService,
    private readonly dependencies: PredictionDependencies,
  ) {}

  /** One row: batched with the concurrent single predictions of the same deployment (see MicroBatcher). */
  async predict(modelId: string, input: PredictionInputArgument): Promise<PredictionView> {
    const { sessions } = this.dependencies;
    const [prediction] = await this.run(
      modelId,
      [input],
      () => 'input',
      (deployment, caller, rows) => sessions.predictOne(deployment, caller, rows[0]).then((one) => [one]),
    );
    return prediction;
  }

  /** Up to `PREDICT_BATCH_MAX` rows; the ones not cached run as one batch. */
  async predictBatch(modelId: string, inputs: readonly PredictionInputArgument[]): Promise<PredictionView[]> {
    this.request.user();
    const { sessions, predictBatchMax } = this.dependencies;
    if (inputs.length > predictBatchMax)
      throw errors.badInput(
        `predictBatch takes at most ${predictBatchMax} inputs, not ${inputs.length}`,
        'inputs',
      );
    if (inputs.length === 0) return [];
    return this.run(
      modelId,
      inputs,
      (row) => `inputs[${row}]`,
      (deployment, caller, rows) => sessions.predictMany(deployment, caller, rows),
    );
  }

  /** The model's READY deployment as predictions see it: remembered by the replica (see ReadyDeployments). */
  readyDeployment(modelId: string): Promise<Deployment> {
    const caller = this.request.user();
    return this.dependencies.ready.get(caller.organizationId, modelId, () =>
      this.deployments.readyForModel(modelId),
    );
  }

  /** Predicts the rows, then records them (metrics, events) whether they were answered or refused. */
  private async run(
    modelId: string,
    inputs: readonly PredictionInputArgument[],
    fieldOf: (row: number) => string,
    predict: RunRows,
  ): Promise<PredictionView[]> {
    const caller = this.request.user();
    const { metrics, events } = this.dependencies;
    const deployment = await this.readyDeployment(modelId);
    const labels = { deployment: deployment.id, model: deployment.modelId };
    const started = performance.now();
    let outcomes: RowOutcome[];
    try {
      outcomes = await this.answer(deployment, caller, inputs, fieldOf, predict, started);
    } catch (error) {
      const ms = performance.now() - started;
      metrics.recordCall(
        labels,
        ms / 1000,
        inputs.map(() => null),
      );
      metrics.failedRows.inc(labels, inputs.length);
      events.push(failedEvents(deployment, inputs, ms, error));
      throw error;
    }
    metrics.recordCall(
      labels,
      (performance.now() - started) / 1000,
      outcomes.map((row) => row.cachedIn),
    );
    events.push(answeredEvents(deployment, outcomes));
    const modelVersion = { id: deployment.versionId };
    return outcomes.map(({ prediction, latencyMs, cachedIn }) => ({
      ...prediction,
      modelVersion,
      latencyMs,
      cacheHit: cachedIn !== null,
      cachedIn,
    }));
  }

  /**
   * Reads the rows against the deployment's input schema, answers those the cache holds (`latencyMs`: the lookup)
   * and runs the others (`latencyMs`: what the caller waited, a batch's queue and run or a first load included).
   */
  private async answer(
    deployment: Deployment,
    caller: Caller,
    inputs: readonly PredictionInputArgument[],
    fieldOf: (row: number) => string,
    predict: RunRows,
    started: number,
  ): Promise<RowOutcome[]> {
    const { cache } = this.dependencies;
    const rows = inputs.map((input, r) => toFeatureRow(input, deployment.inputSchema, fieldOf(r)));
    const vectors = rows.map((row) => featureVector(row, deployment.inputSchema));
    // null: the default TTL; 0: this deployment is never cached.
    const ttlSeconds = deployment.cacheTtlSeconds ?? this.dependencies.cacheTtlSeconds;
    const keys = vectors.map((vector) =>
      predictionKey(deployment.organizationId, deployment.versionId, vector),
    );
    const { hits, usedL2 } =
      ttlSeconds > 0
        ? await cache.lookup(deployment.id, keys, ttlSeconds)
        : { hits: rows.map(() => undefined), usedL2: false };
    const lookupMs = performance.now() - started;
    const missed = rows.flatMap((_row, i) => (hits[i] ? [] : [i]));
    const missedRows = missed.map((i) => rows[i]);
    const computed = missed.length
      ? await predictOrExplain(
          deployment,
          missedRows,
          (r) => fieldOf(missed[r]),
          () => predict(deployment, caller, missedRows),
        )
      : [];
    const latencyMs = performance.now() - started;
    if (ttlSeconds > 0)
      cache.store(
        computed.map((prediction, j) => ({ key: keys[missed[j]], prediction })),
        ttlSeconds,
        usedL2,
      );
    const outcomes: RowOutcome[] = hits.map((hit, i) => ({
      vector: vectors[i],
      prediction: hit?.prediction as RowPrediction,
      latencyMs: lookupMs,
      cachedIn: hit?.level ?? null,
    }));
    computed.forEach((prediction, j) => {
      outcomes[missed[j]] = { vector: vectors[missed[j]], prediction, latencyMs, cachedIn: null };
    });
    return outcomes;
  }
}

type Caller = ReturnType<InferenceRequest['user']>;

/**
 * Runs `predict`, answering what the client can act on: a row the model cannot take is BAD_USER_INPUT naming the
 * row and the feature; a deployment this replica cannot load (its file or the registry changed since it was
 * deployed) is a CONFLICT.
 */
async function predictOrExplain(
  deployment: Deployment,
  rows: readonly FeatureRow[],
  fieldOf: (row: number) => string,
  predict: () => Promise<RowPrediction[]>,
): Promise<RowPrediction[]> {
  try {
    return await predict();
  } catch (error) {
    if (error instanceof ModelLoadError)
      throw errors.conflict(`deployment ${deployment.id} cannot be loaded: ${error.message}`);
    if (error instanceof NonFiniteOutputError) throw errors.badInput(error.message, fieldOf(error.row));
    if (!(error instanceof FeedError)) throw error;
    const row = fieldOf(error.row);
    const field = Array.isArray(rows[error.row])
      ? `${row}.features`
      : error.feature
        ? `${row}.named.${error.feature}`
        : `${row}.named`;
    throw errors.badInput(error.message, field);
  }
}

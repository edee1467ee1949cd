import { performance } from 'node:perf_hooks';
import { errors } from '../../../lib/errors';
import { FeedError, type FeatureRow } from '../../../ml/onnx-runtime/onnx-feeds';
import { NonFiniteOutputError } from '../../../ml/onnx-runtime/onnx-outputs';
import { ModelLoadError, type RowPrediction } from '../../../ml/onnx-runtime/serving-model';
import type { Deployment } from '../deployment/deployment.entity';
import type { DeploymentService } from '../deployment/deployment.service';
import type { InferenceRequest } from '../inference-request';
import type { ModelSessions } from '../serving/model-sessions';
import { toFeatureRow, type PredictionInputArgument } from './prediction-input';

/** A Prediction as the resolvers return it. */
export interface PredictionView extends RowPrediction {
  modelVersion: { id: string };
  latencyMs: number;
  cacheHit: boolean;
}

/** Predictions on a model's READY deployment. Every role may predict. */
export class PredictionService {
  constructor(
    private readonly request: InferenceRequest,
    private readonly deployments: DeploymentService,
    private readonly sessions: ModelSessions,
    private readonly batchMax: number,
  ) {}

  /** One row: batched with the concurrent single predictions of the same deployment (see MicroBatcher). */
  async predict(modelId: string, input: PredictionInputArgument): Promise<PredictionView> {
    const [prediction] = await this.run(
      modelId,
      [input],
      () => 'input',
      (deployment, caller, rows) =>
        this.sessions.predictOne(deployment, caller, rows[0]).then((one) => [one]),
    );
    return prediction;
  }

  /** Up to `PREDICT_BATCH_MAX` rows, run as one batch. */
  async predictBatch(modelId: string, inputs: readonly PredictionInputArgument[]): Promise<PredictionView[]> {
    this.request.user();
    if (inputs.length > this.batchMax)
      throw errors.badInput(
        `predictBatch takes at most ${this.batchMax} inputs, not ${inputs.length}`,
        'inputs',
      );
    if (inputs.length === 0) return [];
    return this.run(
      modelId,
      inputs,
      (row) => `inputs[${row}]`,
      (deployment, caller, rows) => this.sessions.use(deployment, caller, (model) => model.predict(rows)),
    );
  }

  /**
   * Reads the rows against the deployment's input schema, predicts them and answers what the caller waited
   * (`latencyMs`: a batch's queue and run, or a first load on this replica).
   */
  private async run(
    modelId: string,
    inputs: readonly PredictionInputArgument[],
    fieldOf: (row: number) => string,
    predict: (deployment: Deployment, caller: Caller, rows: FeatureRow[]) => Promise<RowPrediction[]>,
  ): Promise<PredictionView[]> {
    const caller = this.request.user();
    const deployment = await this.deployments.readyForModel(modelId);
    const rows = inputs.map((input, r) => toFeatureRow(input, deployment.inputSchema, fieldOf(r)));
    const started = performance.now();
    const predictions = await predictOrExplain(deployment, rows, fieldOf, () =>
      predict(deployment, caller, rows),
    );
    const latencyMs = performance.now() - started;
    const modelVersion = { id: deployment.versionId };
    return predictions.map((prediction) => ({ ...prediction, modelVersion, latencyMs, cacheHit: false }));
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

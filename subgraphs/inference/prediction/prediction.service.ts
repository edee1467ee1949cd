import { performance } from 'node:perf_hooks';
import { errors } from '../../../lib/errors';
import { FeedError, type FeatureRow } from '../../../ml/onnx-runtime/onnx-feeds';
import {
  ModelLoadError,
  type RowPrediction,
  type ServingModel,
} from '../../../ml/onnx-runtime/serving-model';
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

  async predict(modelId: string, input: PredictionInputArgument): Promise<PredictionView> {
    const [prediction] = await this.run(modelId, [input], () => 'input');
    return prediction;
  }

  async predictBatch(modelId: string, inputs: readonly PredictionInputArgument[]): Promise<PredictionView[]> {
    this.request.user();
    if (inputs.length > this.batchMax)
      throw errors.badInput(
        `predictBatch takes at most ${this.batchMax} inputs, not ${inputs.length}`,
        'inputs',
      );
    if (inputs.length === 0) return [];
    return this.run(modelId, inputs, (row) => `inputs[${row}]`);
  }

  private async run(
    modelId: string,
    inputs: readonly PredictionInputArgument[],
    fieldOf: (row: number) => string,
  ): Promise<PredictionView[]> {
    const caller = this.request.user();
    const deployment = await this.deployments.readyForModel(modelId);
    const rows = inputs.map((input, r) => toFeatureRow(input, deployment.inputSchema, fieldOf(r)));
    let latencyMs = 0;
    const predictions = await this.onModel(deployment, caller, async (model) => {
      const started = performance.now();
      const rowsPredicted = await predictRows(model, rows, fieldOf);
      latencyMs = performance.now() - started;
      return rowsPredicted;
    });
    const modelVersion = { id: deployment.versionId };
    return predictions.map((prediction) => ({ ...prediction, modelVersion, latencyMs, cacheHit: false }));
  }

  /** Runs `work` on the deployment's model, which stays loaded (not evicted) while it runs. */
  private async onModel<T>(
    deployment: Deployment,
    caller: ReturnType<InferenceRequest['user']>,
    work: (model: ServingModel) => Promise<T>,
  ): Promise<T> {
    try {
      return await this.sessions.use(deployment, caller, work);
    } catch (error) {
      // It loaded when it was deployed: the file or the registry changed since, on this replica's first load.
      if (error instanceof ModelLoadError)
        throw errors.conflict(`deployment ${deployment.id} cannot be loaded: ${error.message}`);
      throw error;
    }
  }
}

/** The rows' predictions; a row the model cannot take is BAD_USER_INPUT naming the row and the feature. */
async function predictRows(
  model: ServingModel,
  rows: readonly FeatureRow[],
  fieldOf: (row: number) => string,
): Promise<RowPrediction[]> {
  try {
    return await model.predict(rows);
  } catch (error) {
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

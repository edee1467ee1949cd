import { GraphQLError } from 'graphql';
import { ErrorCode, errors } from '../../../lib/errors';
import type { Deployment } from '../deployment/deployment.entity';
import type { InferenceRequest } from '../inference-request';
import type { PredictionService, PredictionView } from '../prediction/prediction.service';
import { readInferenceRequest } from './inference-request';
import {
  checkRequestedOutputs,
  modelMetadata,
  outputNames,
  outputTensors,
  type ModelMetadata,
  type OutputTensor,
} from './inference-response';
import type { ModelNames } from './model-names';
import { tensorRows, type TensorRows } from './tensor-rows';

export interface InferenceResponse {
  model_name: string;
  model_version: string;
  id?: string;
  outputs: OutputTensor[];
}

/** A model as a request's path names it, with its READY deployment. */
interface Served {
  modelId: string;
  deployment: Deployment;
  version: number;
}

/**
 * The Open Inference Protocol (KServe v2) over the inference services: models by their registry name, in the
 * caller's organization (another organization's model is NOT_FOUND, as for an unknown name). Predictions go
 * through PredictionService, so they share its micro-batching, cache and events with GraphQL's.
 */
export class OpenInferenceService {
  constructor(
    private readonly request: InferenceRequest,
    private readonly predictions: PredictionService,
    private readonly names: ModelNames,
    private readonly maxRows: number,
  ) {}

  async metadata(name: string, version?: string): Promise<ModelMetadata> {
    const { deployment, version: number } = await this.served(name, version);
    return modelMetadata({
      name,
      version: number,
      taskType: deployment.taskType,
      features: deployment.inputSchema,
      outputLabels: deployment.outputLabels ?? null,
    });
  }

  /** Answers only when the model has a READY deployment (of that version, when one is named). */
  async ready(name: string, version?: string): Promise<{ name: string; ready: true }> {
    await this.served(name, version);
    return { name, ready: true };
  }

  async infer(name: string, version: string | undefined, body: unknown): Promise<InferenceResponse> {
    const request = readInferenceRequest(body);
    const served = await this.served(name, version);
    const { deployment } = served;
    checkRequestedOutputs(request.outputs, outputNames(deployment.taskType));
    const rows = tensorRows(request.inputs, deployment.inputSchema, this.maxRows);
    const predictions = await this.predict(served.modelId, rows);
    const answeredBy = predictions[0].modelVersion.id;
    // A redeploy can switch versions between reading the deployment and predicting.
    if (answeredBy !== deployment.versionId && version !== undefined)
      throw errors.conflict(`model "${name}" switched to another version during the request; retry it`);
    const number =
      answeredBy === deployment.versionId
        ? served.version
        : await this.names.versionNumber(this.request.user(), answeredBy);
    return {
      model_name: name,
      model_version: String(number),
      ...(request.id !== undefined ? { id: request.id } : {}),
      outputs: outputTensors(predictions, request.outputs),
    };
  }

  /** One row runs micro-batched with the concurrent single predictions of the deployment; more run as a batch. */
  private async predict(modelId: string, { rows, tensorOf }: TensorRows): Promise<PredictionView[]> {
    try {
      if (rows.length === 1) return [await this.predictions.predict(modelId, rows[0])];
      return await this.predictions.predictBatch(modelId, rows);
    } catch (error) {
      throw namingTheTensor(error, tensorOf);
    }
  }

  /** The model named, its READY deployment and that deployment's version number. */
  private async served(name: string, version: string | undefined): Promise<Served> {
    const caller = this.request.user();
    const modelId = await this.names.modelId(caller, name);
    const deployment = await this.predictions.readyDeployment(modelId).catch((error: unknown) => {
      if (codeOf(error) === ErrorCode.Conflict)
        throw errors.conflict(`model "${name}" has no READY deployment; deploy it with deployModel`);
      throw error;
    });
    const number = await this.names.versionNumber(caller, deployment.versionId);
    if (version !== undefined && Number(version) !== number)
      throw errors.notFoundBecause(
        `Version ${version} of model "${name}" is not deployed; version ${number} is`,
      );
    return { modelId, deployment, version: number };
  }
}

const codeOf = (error: unknown) => (error instanceof GraphQLError ? error.extensions.code : undefined);

/**
 * PredictionService names a bad value by its GraphQL field (`inputs[3].named.petal_width`); over this protocol the
 * client sent tensors, so the message names the tensor the value came from.
 */
function namingTheTensor(error: unknown, tensorOf: (feature: string) => string): unknown {
  if (codeOf(error) !== ErrorCode.BadUserInput) return error;
  const field = (error as GraphQLError).extensions.field;
  const feature = typeof field === 'string' ? /\.named\.(.+)$/.exec(field)?.[1] : undefined;
  if (feature === undefined) return error;
  return errors.badInput(`input tensor "${tensorOf(feature)}": ${(error as GraphQLError).message}`, 'inputs');
}

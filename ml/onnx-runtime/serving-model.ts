/**
 * A model loaded for serving: its bytes checked against the recorded SHA-256, an onnxruntime session, the plan of
 * its feeds and the reading of its outputs, warmed up by one run before anyone waits on it.
 */
import { createHash } from 'node:crypto';
import { InferenceSession } from 'onnxruntime-node';
import type { FeatureSpec } from '../feature';
import { MLAAS_PRODUCER } from '../onnx-metadata';
import { describeOnnxModel, OnnxModelError, type DescribedOnnxModel } from '../onnx-reader/onnx-model-info';
import {
  buildFeeds,
  exportedModelPlan,
  FeedPlanError,
  planFeeds,
  type FeatureRow,
  type FeedPlan,
} from './onnx-feeds';
import {
  OutputPlanError,
  planOutputs,
  readPredictions,
  type OutputPlan,
  type RowPrediction,
} from './onnx-outputs';
import { exposeZipMapProbabilities } from './zipmap-rewrite';

export type { RowPrediction } from './onnx-outputs';

/** What the registry recorded of the version: the features it takes and, for a classifier, its labels. */
export interface ServingSignature {
  features: readonly FeatureSpec[];
  /** Class labels in the order of the model's probabilities (the version's `outputLabels`), if known. */
  labels: readonly string[] | null;
}

/** The file cannot be served: its bytes are not the recorded ones, or onnxruntime cannot load or run it. */
export class ModelLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelLoadError';
  }
}

export class ServingModel {
  private constructor(
    private readonly session: InferenceSession,
    private readonly feeds: FeedPlan,
    private readonly outputs: OutputPlan,
    /** The file's size: what the session costs in memory, roughly (weights dominate both). */
    readonly sizeBytes: number,
  ) {}

  /**
   * Checks the bytes, creates the session and runs it once on a row of missing values (zeros where a tensor has
   * no notion of missing), so that the first real prediction pays no lazy initialization.
   */
  static async load(bytes: Uint8Array, sha256: string, signature: ServingSignature): Promise<ServingModel> {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) {
      throw new ModelLoadError(
        `the file's SHA-256 is ${actual}, not the ${sha256} recorded when it was uploaded`,
      );
    }
    const { servable, described, zipMapLabels } = servableGraph(bytes);
    const { feeds, outputs } = planServing(described, signature, zipMapLabels);
    let session: InferenceSession;
    try {
      session = await InferenceSession.create(servable);
    } catch (error) {
      throw new ModelLoadError(`onnxruntime cannot load the file: ${(error as Error).message}`);
    }
    const model = new ServingModel(session, feeds, outputs, bytes.byteLength);
    try {
      await model.warmUp();
    } catch (error) {
      await session.release();
      throw new ModelLoadError(`the warm-up prediction failed: ${(error as Error).message}`);
    }
    return model;
  }

  /** One run on a row every input accepts; its outputs are not read (a row of zeros need not mean anything). */
  private async warmUp(): Promise<void> {
    await this.session.run(buildFeeds(this.feeds, [warmUpRow(this.feeds)]), this.outputs.fetch);
  }

  /** One prediction per row, in order. Throws FeedError (from onnx-feeds) for a row that cannot be fed. */
  async predict(rows: readonly FeatureRow[]): Promise<RowPrediction[]> {
    const feeds = buildFeeds(this.feeds, rows);
    const results = await this.session.run(feeds, this.outputs.fetch);
    return readPredictions(this.outputs, results, rows.length);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/**
 * The graph the session is created from: the file itself, or, when an output is a sequence of maps (skl2onnx's
 * ZipMap), the file rewritten to output the probability tensor instead (see zipmap-rewrite.ts).
 */
function servableGraph(bytes: Uint8Array) {
  try {
    const original = describeOnnxModel(asBuffer(bytes));
    if (!original.info.outputs.some((o) => o.type.startsWith('seq(map(')))
      return { servable: bytes, described: original, zipMapLabels: null };
    const rewrite = exposeZipMapProbabilities(bytes);
    const described = describeOnnxModel(asBuffer(rewrite.bytes));
    return { servable: rewrite.bytes, described, zipMapLabels: rewrite.labels };
  } catch (error) {
    if (error instanceof OnnxModelError) throw new ModelLoadError(error.message);
    throw error;
  }
}

/** How rows go in and predictions come out; a graph that cannot be fed or read cannot be served. */
function planServing(
  described: DescribedOnnxModel,
  signature: ServingSignature,
  zipMapLabels: string[] | null,
): { feeds: FeedPlan; outputs: OutputPlan } {
  try {
    const feeds =
      described.info.producerName === MLAAS_PRODUCER
        ? exportedModelPlan(signature.features)
        : planFeeds(described.info.inputs, signature.features);
    const labels = signature.labels ?? zipMapLabels ?? described.classLabels;
    return { feeds, outputs: planOutputs(described.info.outputs, labels) };
  } catch (error) {
    if (error instanceof FeedPlanError || error instanceof OutputPlanError)
      throw new ModelLoadError(error.message);
    throw error;
  }
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A row every input accepts: '' (missing) in string tensors, 0 in numeric ones (integers included). */
function warmUpRow(plan: FeedPlan): FeatureRow {
  const row: (number | string)[] = plan.features.map(() => 0);
  for (const input of plan.inputs)
    if (input.elementType === 'string') for (const f of input.features) row[f] = '';
  return row;
}

/**
 * The protocol between the process that owns a job and the thread that trains it: what the thread is started
 * with, the messages it posts (an epoch, its artifact, or why it failed) and those it is sent (an epoch was
 * recorded, cancel).
 */
import type { RawValue } from '../../../ml/training/dataset-matrix';
import type { Algorithm, Hyperparameters } from '../../../ml/training/hyperparameters';
import type { EpochMetrics, TrainingData } from '../../../ml/training/trainer';

/** What a training thread is started with (its workerData). */
export interface TrainingTask {
  algorithm: Algorithm;
  data: TrainingData;
  hyperparameters: Hyperparameters;
  /** The ONNX graph's name (the model's name). */
  graphName: string;
}

/** What a thread hands back when training, export and verification all succeeded. */
export interface TrainedArtifact {
  onnx: Uint8Array;
  labels: string[] | null;
  /** Final metrics of the kept weights, recorded on the version (`ModelVersion.metrics`). */
  metrics: Record<string, number>;
  bestEpoch: number;
  stoppedEarly: boolean;
  referenceDistribution: unknown;
  /** Rows the exported file was checked on with onnxruntime, and the largest difference seen. */
  verification: { rows: number; maxDifference: number };
}

/** Why a thread stopped without an artifact; `data` and `export` are the job's fault, `internal` ours. */
export type TrainingFailureKind = 'cancelled' | 'data' | 'export' | 'internal';

export type ThreadMessage =
  /** First, once the thread's code is loaded: which trainer file it runs (a build's `.js` or a `.ts` source). */
  | { type: 'started'; trainerModule: string }
  | { type: 'epoch'; metrics: EpochMetrics }
  | { type: 'done'; artifact: TrainedArtifact }
  | { type: 'failed'; kind: TrainingFailureKind; message: string };

/** `recorded`: the epoch was persisted and published, the next may start. */
export type ControlMessage = { type: 'cancel' } | { type: 'recorded' };

/** The rows an exported model is verified on: the validation rows, or (without any) the first training rows. */
export function verificationRows(
  rows: RawValue[][],
  validationIndices: Uint32Array,
  limit = 1000,
): RawValue[][] {
  if (validationIndices.length > 0) return Array.from(validationIndices.subarray(0, limit), (i) => rows[i]);
  return rows.slice(0, limit);
}

/**
 * The body of a training thread (worker_threads): trains, exports the model to ONNX, checks the export with
 * onnxruntime against the trainer's own predictions, and summarizes the training data for drift detection.
 * It runs off the event loop of the process that owns the job, so that process keeps answering (health
 * checks, cancel messages, other jobs) however long an epoch takes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { accuracy, rSquared } from '../../../ml/training/metrics';
import { exportOnnx, OnnxExportError } from '../../../ml/onnx-writer/onnx-export';
import { OnnxVerificationError, verifyOnnxExport } from '../../../ml/onnx-runtime/onnx-verification';
import { computeReferenceDistribution } from '../../../ml/training/reference-distribution';
import {
  train,
  TrainingCancelledError,
  TrainingDataError,
  type TrainingResult,
} from '../../../ml/training/trainer';
import {
  verificationRows,
  type ControlMessage,
  type TrainedArtifact,
  type ThreadMessage,
  type TrainingTask,
} from './training-thread-protocol';

const port = parentPort!;
const task = workerData as TrainingTask;
const cancel = new AbortController();
// The next epoch starts once the owner has recorded this one, so the job's history is never behind training
// and a cancel takes effect at the end of the epoch in progress.
let recorded: (() => void) | undefined;
port.on('message', (message: ControlMessage) => {
  if (message.type === 'cancel') cancel.abort();
  recorded?.();
  recorded = undefined;
});
const epochRecorded = () => new Promise<void>((resolve) => (recorded = resolve));
const send = (message: ThreadMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function run(): Promise<void> {
  send({ type: 'started', trainerModule: require.resolve('../../../ml/training/trainer') });
  let result: TrainingResult;
  try {
    result = await train(task.algorithm, task.data, task.hyperparameters, {
      onEpoch: (metrics) => {
        const next = epochRecorded();
        send({ type: 'epoch', metrics });
        return next;
      },
      signal: cancel.signal,
    });
  } catch (error) {
    if (error instanceof TrainingCancelledError)
      return send({ type: 'failed', kind: 'cancelled', message: error.message });
    if (error instanceof TrainingDataError)
      return send({ type: 'failed', kind: 'data', message: error.message });
    throw error;
  }
  const { model } = result;
  let onnx: Uint8Array;
  try {
    onnx = exportOnnx(model, { graphName: task.graphName });
  } catch (error) {
    if (error instanceof OnnxExportError)
      return send({ type: 'failed', kind: 'export', message: error.message });
    throw error;
  }
  const rows = verificationRows(task.data.rows, result.validationIndices);
  let verification;
  try {
    verification = await verifyOnnxExport(onnx, model, rows);
  } catch (error) {
    if (error instanceof OnnxVerificationError)
      return send({ type: 'failed', kind: 'export', message: error.message });
    throw error;
  }
  const artifact: TrainedArtifact = {
    onnx,
    labels: model.parameters.labels,
    metrics: finalMetrics(result),
    bestEpoch: result.bestEpoch,
    stoppedEarly: result.stoppedEarly,
    referenceDistribution: computeReferenceDistribution(task.data.features, task.data.rows),
    verification,
  };
  send({ type: 'done', artifact }, [onnx.buffer as ArrayBuffer]);
}

/** The kept epoch's losses, and accuracy (classifiers) or R² (regressors) on the validation rows. */
function finalMetrics(result: TrainingResult): Record<string, number> {
  const kept = result.history[result.bestEpoch - 1];
  const metrics: Record<string, number> = { epochs: result.history.length, bestEpoch: result.bestEpoch };
  metrics.loss = kept.loss;
  if (kept.validationLoss !== null) metrics.validationLoss = kept.validationLoss;
  const indices = result.validationIndices;
  if (indices.length === 0) return metrics;
  const rows = Array.from(indices, (i) => task.data.rows[i]);
  const predicted = result.model.predict(rows);
  if (result.model.isClassifier) {
    metrics.validationAccuracy = accuracy(
      predicted as string[],
      Array.from(indices, (i) => String(task.data.target[i])),
    );
  } else {
    metrics.validationR2 = rSquared(
      predicted as number[],
      Array.from(indices, (i) => task.data.target[i] as number),
    );
  }
  return metrics;
}

run().catch((error: unknown) => {
  send({ type: 'failed', kind: 'internal', message: (error as Error).stack ?? String(error) });
});

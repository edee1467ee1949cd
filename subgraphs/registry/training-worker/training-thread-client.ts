import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../../../lib/paths';
import type { EpochMetrics } from '../../../ml/training/trainer';
import type {
  ControlMessage,
  ThreadMessage,
  TrainedArtifact,
  TrainingFailureKind,
  TrainingTask,
} from './training-thread-protocol';

/** A thread ended without an artifact. */
export class TrainingFailure extends Error {
  constructor(
    readonly kind: TrainingFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'TrainingFailure';
  }
}

/**
 * The compiled thread script. Threads cannot load TypeScript, so code running from source (jest, tsx) starts
 * the build's copy (`npm test` builds first).
 */
function threadScript(): string {
  if (!__filename.endsWith('.ts')) return path.join(__dirname, 'training-thread.js');
  return path.join(projectRoot, 'dist', path.relative(projectRoot, __dirname), 'training-thread.js');
}

/**
 * Runs one training task on its own thread. Epochs are handed to `onEpoch` one at a time, in order (the next
 * waits for the previous handler), and the result is settled only after the last handler finished.
 */
export function runTrainingThread(
  task: TrainingTask,
  onEpoch: (metrics: EpochMetrics) => Promise<void>,
): { result: Promise<TrainedArtifact>; cancel(): void } {
  const worker = new Worker(threadScript(), { workerData: task });
  let handled = Promise.resolve();
  let settled = false;
  const result = new Promise<TrainedArtifact>((resolve, reject) => {
    const finish = (settle: () => void) => {
      handled = handled.then(() => {
        if (settled) return;
        settled = true;
        settle();
      });
      void worker.terminate();
    };
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'epoch') {
        handled = handled
          .then(async () => {
            if (settled) return;
            await onEpoch(message.metrics);
            worker.postMessage({ type: 'recorded' } satisfies ControlMessage);
          })
          .catch((error) => {
            settled = true;
            void worker.terminate();
            reject(error);
          });
      } else if (message.type === 'done') finish(() => resolve(message.artifact));
      else finish(() => reject(new TrainingFailure(message.kind, message.message)));
    });
    worker.on('error', (error) =>
      finish(() => reject(new TrainingFailure('internal', error.stack ?? error.message))),
    );
    worker.on('exit', (code) =>
      finish(() => reject(new TrainingFailure('internal', `the training thread exited with code ${code}`))),
    );
  });
  return {
    result,
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ControlMessage),
  };
}

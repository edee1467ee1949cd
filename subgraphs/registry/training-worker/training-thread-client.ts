import { startWorkerThread } from '../../../lib/worker-thread';
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

export interface TrainingThreadHandlers {
  /** Each epoch, in order: the next waits for the previous handler (the thread waits for it too). */
  onEpoch(metrics: EpochMetrics): Promise<void>;
  /** The thread loaded its code; `trainerModule` is the trainer file it runs (a `.ts` one from source). */
  onStarted?(started: { trainerModule: string }): void;
}

/**
 * Runs one training task on its own thread, from the same code as the caller (see `startWorkerThread`). Epochs
 * are handed to `onEpoch` one at a time, in order, and the result is settled only after the last handler
 * finished.
 */
export function runTrainingThread(
  task: TrainingTask,
  { onEpoch, onStarted }: TrainingThreadHandlers,
): { result: Promise<TrainedArtifact>; cancel(): void } {
  const worker = startWorkerThread(__dirname, 'training-thread', { workerData: task });
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
      if (message.type === 'started') onStarted?.({ trainerModule: message.trainerModule });
      else if (message.type === 'epoch') {
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

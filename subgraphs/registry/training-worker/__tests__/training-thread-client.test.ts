import path from 'node:path';
import { projectRoot } from '../../../../lib/paths';
import { resolveHyperparameters } from '../../../../ml/training/hyperparameters';
import { train, type EpochMetrics } from '../../../../ml/training/trainer';
import { runTrainingThread } from '../training-thread-client';
import type { TrainingTask } from '../training-thread-protocol';

/** Two interleaved classes on one number and one category: enough for a few epochs of an MLP. */
const task: TrainingTask = {
  algorithm: 'MLP_CLASSIFIER',
  data: {
    features: [
      { name: 'x', type: 'NUMBER' },
      { name: 'colour', type: 'CATEGORY' },
    ],
    rows: Array.from({ length: 60 }, (_, i) => [i % 7, i % 3 === 0 ? 'red' : 'blue']),
    target: Array.from({ length: 60 }, (_, i) => (i % 7 < 3 ? 'low' : 'high')),
  },
  hyperparameters: resolveHyperparameters({ epochs: 8, hiddenLayers: [6], seed: 3, validationSplit: 0.2 }),
  graphName: 'thread-source',
};

/** Timing aside, an epoch's numbers depend only on the code that trained and its input. */
const withoutTiming = ({ elapsedMs: _elapsed, ...numbers }: EpochMetrics) => numbers;

describe('a training thread started from source (jest)', () => {
  it('loads the TypeScript trainer, not a build in dist/', async () => {
    let trainerModule: string | undefined;
    const thread = runTrainingThread(task, {
      onStarted: (started) => (trainerModule = started.trainerModule),
      onEpoch: async () => undefined,
    });
    await thread.result;
    expect(trainerModule).toBe(path.join(projectRoot, 'ml', 'training', 'trainer.ts'));
  });

  it('trains exactly as the trainer compiled in this process does, epoch by epoch', async () => {
    const epochs: EpochMetrics[] = [];
    const thread = runTrainingThread(task, { onEpoch: async (metrics) => void epochs.push(metrics) });
    const artifact = await thread.result;

    const here = await train(task.algorithm, task.data, task.hyperparameters);
    expect(epochs.map(withoutTiming)).toEqual(here.history.map(withoutTiming));
    expect(artifact.bestEpoch).toBe(here.bestEpoch);
    expect(artifact.labels).toEqual(here.model.parameters.labels);
  });
});

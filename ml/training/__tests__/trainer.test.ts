import type { FeatureSpec } from '../../feature';
import type { RawValue } from '../dataset-matrix';
import { InvalidHyperparameterError } from '../hyperparameters';
import { createRandom } from '../random';
import { train, TrainingCancelledError, type EpochMetrics, type TrainingData } from '../trainer';
import { loadFixture } from '../../../test/fixtures/datasets';

/** Bytes of every weight and bias, for bit-for-bit comparison. */
function weightBytes(layers: { weights: Float64Array; biases: Float64Array }[]): Buffer {
  return Buffer.concat(layers.flatMap((l) => [Buffer.from(l.weights.buffer), Buffer.from(l.biases.buffer)]));
}

/** Random features and random labels: nothing to learn, so validation loss soon rises (overfitting). */
function noise(rows: number, seed: number): TrainingData {
  const random = createRandom(seed);
  const features: FeatureSpec[] = [0, 1, 2, 3, 4].map((i) => ({ name: `x${i}`, type: 'NUMBER' }));
  const data: RawValue[][] = Array.from({ length: rows }, () => features.map(() => random.normal()));
  return { features, rows: data, target: data.map(() => (random.next() < 0.5 ? 'a' : 'b')) };
}

describe('train', () => {
  it('gives the same model, bit for bit, for the same seed', async () => {
    const { train: data } = loadFixture('iris', 'label');
    const hp = { seed: 7, epochs: 20, hiddenLayers: [8, 8] };
    const first = await train('MLP_CLASSIFIER', data, hp);
    const second = await train('MLP_CLASSIFIER', data, hp);
    const other = await train('MLP_CLASSIFIER', data, { ...hp, seed: 8 });
    expect(
      weightBytes(first.model.parameters.layers).equals(weightBytes(second.model.parameters.layers)),
    ).toBe(true);
    expect(first.history.map((h) => h.loss)).toEqual(second.history.map((h) => h.loss));
    expect(
      weightBytes(first.model.parameters.layers).equals(weightBytes(other.model.parameters.layers)),
    ).toBe(false);
  });

  it('stops early and restores the weights of the best validation epoch', async () => {
    const data = noise(80, 1);
    const hp = { seed: 3, epochs: 300, learningRate: 0.05, hiddenLayers: [32], validationSplit: 0.3 };
    const stopped = await train('MLP_CLASSIFIER', data, { ...hp, earlyStoppingPatience: 3 });
    const losses = stopped.history.map((h) => h.validationLoss!);
    const bestEpoch = losses.indexOf(Math.min(...losses)) + 1;
    expect(stopped.stoppedEarly).toBe(true);
    expect(stopped.bestEpoch).toBe(bestEpoch);
    expect(stopped.history.length).toBe(bestEpoch + 3);
    // The same run cut at the best epoch ends with exactly the weights that early stopping kept.
    const cut = await train('MLP_CLASSIFIER', data, { ...hp, epochs: bestEpoch, earlyStoppingPatience: 3 });
    expect(
      weightBytes(cut.model.parameters.layers).equals(weightBytes(stopped.model.parameters.layers)),
    ).toBe(true);
  });

  it('reports EpochMetrics after every epoch', async () => {
    const { train: data } = loadFixture('iris', 'label');
    const seen: EpochMetrics[] = [];
    const result = await train(
      'LOGISTIC_REGRESSION',
      data,
      { epochs: 5 },
      { onEpoch: (m) => void seen.push(m) },
    );
    expect(seen.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(result.history).toEqual(seen);
    for (const m of seen) {
      expect(m.loss).toBeGreaterThan(0);
      expect(m.validationLoss).toBeGreaterThan(0);
      expect(m.accuracy).toBeGreaterThanOrEqual(0);
      expect(m.validationAccuracy).toBeLessThanOrEqual(1);
      expect(Number.isInteger(m.elapsedMs)).toBe(true);
    }
  });

  it('stops at the end of the epoch during which it was cancelled', async () => {
    const { train: data } = loadFixture('iris', 'label');
    const controller = new AbortController();
    const onEpoch = (m: EpochMetrics): void => {
      if (m.epoch === 3) controller.abort();
    };
    const run = train('MLP_CLASSIFIER', data, { epochs: 100 }, { onEpoch, signal: controller.signal });
    await expect(run).rejects.toEqual(new TrainingCancelledError(3));
  });

  it('sees an abort that comes from outside the loop (a timer) within one epoch', async () => {
    const { train: data } = loadFixture('breast_cancer', 'label');
    const controller = new AbortController();
    let epochs = 0;
    let epochsAtAbort = -1;
    setTimeout(() => {
      epochsAtAbort = epochs;
      controller.abort();
    }, 100);
    const error = await train(
      'MLP_CLASSIFIER',
      data,
      { epochs: 10_000, validationSplit: 0 },
      { signal: controller.signal, onEpoch: () => void epochs++ },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TrainingCancelledError);
    expect((error as TrainingCancelledError).epoch).toBeLessThanOrEqual(epochsAtAbort + 1);
  });

  it('rejects out-of-range hyperparameters naming the field', async () => {
    const { train: data } = loadFixture('iris', 'label');
    const error = await train('MLP_CLASSIFIER', data, { batchSize: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidHyperparameterError);
    expect((error as InvalidHyperparameterError).field).toBe('batchSize');
  });
});

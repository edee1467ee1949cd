import {
  DEFAULT_HYPERPARAMETERS,
  InvalidHyperparameterError,
  resolveHyperparameters,
  type HyperparametersInput,
} from '../hyperparameters';

describe('resolveHyperparameters', () => {
  it('fills every missing or null field with its default', () => {
    expect(resolveHyperparameters({})).toEqual(DEFAULT_HYPERPARAMETERS);
    expect(resolveHyperparameters({ epochs: null, seed: 5 })).toEqual({
      ...DEFAULT_HYPERPARAMETERS,
      seed: 5,
    });
  });

  it.each([
    [{ epochs: 0 }, 'epochs'],
    [{ epochs: 2.5 }, 'epochs'],
    [{ learningRate: 0 }, 'learningRate'],
    [{ learningRate: Number.NaN }, 'learningRate'],
    [{ batchSize: 0 }, 'batchSize'],
    [{ hiddenLayers: [] }, 'hiddenLayers'],
    [{ hiddenLayers: [16, 0] }, 'hiddenLayers'],
    [{ l2: -1 }, 'l2'],
    [{ validationSplit: 0.9 }, 'validationSplit'],
    [{ seed: -1 }, 'seed'],
    [{ earlyStoppingPatience: 0 }, 'earlyStoppingPatience'],
  ] as [HyperparametersInput, keyof HyperparametersInput][])('refuses %j naming %s', (input, field) => {
    let error: unknown;
    try {
      resolveHyperparameters(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidHyperparameterError);
    expect((error as InvalidHyperparameterError).field).toBe(field);
    expect((error as Error).message).toMatch(new RegExp(`^hyperparameters\\.${field}: `));
  });
});

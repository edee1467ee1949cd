import { createNetwork, parameterArrays, type OutputKind } from '../mlp';
import { objective, objectiveGradient, type Targets } from '../objective';
import { createRandom } from '../random';

/** Central finite differences of the objective against the analytic gradient, for every parameter. */
function maxRelativeError(hidden: number[], output: OutputKind): number {
  const random = createRandom(42);
  const inputSize = 4;
  const rows = 5;
  const outputs = output === 'softmax' ? 3 : 1;
  const layers = createNetwork(inputSize, hidden, outputs, output, random);
  // Non-zero biases so the check also covers them away from their initial value.
  for (const layer of layers)
    for (let j = 0; j < layer.biases.length; j++) layer.biases[j] = random.normal() * 0.1;
  const input = Float64Array.from({ length: rows * inputSize }, () => random.normal());
  const targets: Targets =
    output === 'softmax'
      ? { kind: 'classes', classes: 3, indices: Uint32Array.from([0, 1, 2, 1, 0]) }
      : { kind: 'values', values: Float64Array.from({ length: rows }, () => random.normal()) };
  const l2 = 0.01;
  const parameters = parameterArrays(layers);
  const gradients = parameters.map((p) => new Float64Array(p.length));
  objectiveGradient(layers, input, targets, l2, gradients);

  const h = 1e-6;
  let worst = 0;
  parameters.forEach((p, k) => {
    for (let i = 0; i < p.length; i++) {
      const saved = p[i];
      p[i] = saved + h;
      const plus = objective(layers, input, targets, l2);
      p[i] = saved - h;
      const minus = objective(layers, input, targets, l2);
      p[i] = saved;
      const numeric = (plus - minus) / (2 * h);
      const error =
        Math.abs(numeric - gradients[k][i]) / Math.max(1e-8, Math.abs(numeric) + Math.abs(gradients[k][i]));
      worst = Math.max(worst, error);
    }
  });
  return worst;
}

describe('gradients match finite differences', () => {
  it.each([
    ['LOGISTIC_REGRESSION', [], 'softmax'],
    ['MLP_CLASSIFIER', [6, 5], 'softmax'],
    ['LINEAR_REGRESSION', [], 'identity'],
    ['MLP_REGRESSOR', [6, 5], 'identity'],
  ] as [string, number[], OutputKind][])('%s', (_name, hidden, output) => {
    expect(maxRelativeError(hidden, output)).toBeLessThan(1e-5);
  });
});

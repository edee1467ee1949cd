/**
 * A fully connected network on typed arrays: the one engine behind all four algorithms. Logistic and linear
 * regression are the same network with no hidden layer, so the forward pass, backpropagation and the ONNX
 * export have a single implementation to get right.
 */
import type { Random } from './random';

export type Activation = 'relu' | 'softmax' | 'identity';

/** One dense layer: output = activation(input · weights + biases). */
export interface DenseLayer {
  inputSize: number;
  outputSize: number;
  /** Row-major inputSize × outputSize, i.e. weights[i * outputSize + j] links input i to output j. */
  weights: Float64Array;
  biases: Float64Array;
  activation: Activation;
}

/** The loss the output layer is trained on; softmax pairs with cross-entropy, identity with squared error. */
export type OutputKind = 'softmax' | 'identity';

/**
 * Builds the layers with He initialization before ReLU (keeps activations' variance through the stack) and
 * Xavier (Glorot) before the output layer. Biases start at zero.
 */
export function createNetwork(
  inputSize: number,
  hiddenLayers: number[],
  outputSize: number,
  output: OutputKind,
  random: Random,
): DenseLayer[] {
  const sizes = [inputSize, ...hiddenLayers, outputSize];
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const fanIn = sizes[l];
    const fanOut = sizes[l + 1];
    const isOutput = l + 2 === sizes.length;
    const scale = isOutput ? Math.sqrt(2 / (fanIn + fanOut)) : Math.sqrt(2 / fanIn);
    const weights = new Float64Array(fanIn * fanOut);
    for (let i = 0; i < weights.length; i++) weights[i] = random.normal() * scale;
    layers.push({
      inputSize: fanIn,
      outputSize: fanOut,
      weights,
      biases: new Float64Array(fanOut),
      activation: isOutput ? output : 'relu',
    });
  }
  return layers;
}

/** Layer outputs of a forward pass over a batch: activations[0] is the input, the last is the prediction. */
export type Activations = Float64Array[];

/** Forward pass over `rows` row-major input rows. */
export function forward(layers: DenseLayer[], input: Float64Array, rows: number): Activations {
  const activations: Activations = [input];
  let current = input;
  for (const layer of layers) {
    const { inputSize: n, outputSize: m, weights, biases } = layer;
    const out = new Float64Array(rows * m);
    for (let r = 0; r < rows; r++) {
      const o = r * m;
      out.set(biases, o);
      const x = r * n;
      for (let i = 0; i < n; i++) {
        const xi = current[x + i];
        // Zero inputs are common (ReLU, one-hot), and skipping them is a measurable speed-up.
        if (xi === 0) continue;
        const w = i * m;
        for (let j = 0; j < m; j++) out[o + j] += xi * weights[w + j];
      }
      activate(out, o, m, layer.activation);
    }
    activations.push(out);
    current = out;
  }
  return activations;
}

function activate(values: Float64Array, offset: number, length: number, activation: Activation): void {
  if (activation === 'relu') {
    for (let j = offset; j < offset + length; j++) if (values[j] < 0) values[j] = 0;
  } else if (activation === 'softmax') {
    // Subtracting the maximum keeps exp() from overflowing; the result is unchanged.
    let max = -Infinity;
    for (let j = offset; j < offset + length; j++) if (values[j] > max) max = values[j];
    let sum = 0;
    for (let j = offset; j < offset + length; j++) sum += values[j] = Math.exp(values[j] - max);
    for (let j = offset; j < offset + length; j++) values[j] /= sum;
  }
}

/**
 * Backpropagation. `outputDelta` is dLoss/dLogits of the batch mean loss (for softmax + cross-entropy and
 * identity + squared error it is simply prediction − target, scaled by 1/rows). Writes into `gradients`
 * ([weights, biases] per layer) and adds the L2 term l2 · W to the weight gradients (biases not penalized).
 */
export function backward(
  layers: DenseLayer[],
  activations: Activations,
  outputDelta: Float64Array,
  rows: number,
  l2: number,
  gradients: Float64Array[],
): void {
  let delta = outputDelta;
  for (let l = layers.length - 1; l >= 0; l--) {
    const { inputSize: n, outputSize: m, weights } = layers[l];
    const input = activations[l];
    const gw = gradients[2 * l];
    const gb = gradients[2 * l + 1];
    for (let i = 0; i < gw.length; i++) gw[i] = l2 * weights[i];
    gb.fill(0);
    const previousDelta = l > 0 ? new Float64Array(rows * n) : null;
    for (let r = 0; r < rows; r++) {
      const d = r * m;
      const x = r * n;
      for (let j = 0; j < m; j++) gb[j] += delta[d + j];
      for (let i = 0; i < n; i++) {
        const xi = input[x + i];
        const w = i * m;
        if (xi !== 0) for (let j = 0; j < m; j++) gw[w + j] += xi * delta[d + j];
        // The input of a hidden layer is a ReLU output: its derivative is 0 where the output was 0.
        if (previousDelta && xi > 0) {
          let sum = 0;
          for (let j = 0; j < m; j++) sum += weights[w + j] * delta[d + j];
          previousDelta[x + i] = sum;
        }
      }
    }
    if (previousDelta) delta = previousDelta;
  }
}

/** Zeroed gradient buffers shaped like the parameters: [weights, biases] per layer. */
export function parameterArrays(layers: DenseLayer[]): Float64Array[] {
  return layers.flatMap((layer) => [layer.weights, layer.biases]);
}

/** A deep copy, to snapshot the best weights for early stopping. */
export function cloneLayers(layers: DenseLayer[]): DenseLayer[] {
  return layers.map((layer) => ({ ...layer, weights: layer.weights.slice(), biases: layer.biases.slice() }));
}

/**
 * Exports a TrainedModel as an ONNX ModelProto that takes the RAW feature columns, so a client never has to
 * know the training statistics: standardization, missing values and one-hot encoding are part of the graph.
 *
 * The graph, in float64 throughout so it reproduces the trainer's arithmetic:
 * - one input per feature, named after the column, shape [N, 1]: tensor(double) for NUMBER, tensor(string) for
 *   CATEGORY;
 * - NUMBER columns are concatenated, standardized ((x − mean) / std) and a missing value (NaN or ±Infinity, what
 *   the trainer treats as missing) becomes 0, i.e. the training mean;
 * - CATEGORY columns go through ai.onnx.ml OneHotEncoder over the training categories with zeros=1, so an
 *   unseen category (and '', the missing value) encodes as all zeros, as in the trainer;
 * - the dense layers are Gemm nodes with Relu between them; the first layer's weight rows are reordered to the
 *   graph's column order (numbers first, then each category block), which changes nothing but summation order;
 * - classifiers output `probabilities` (tensor(double) [N, C], in `labels` order, Softmax) and `label`
 *   (tensor(string) [N], the first most probable class, as ArgMax and the trainer both pick);
 * - regressors output `prediction` as tensor(double) [N, 1] (output · std + mean): the [N, 1] that skl2onnx and
 *   torch.onnx give regressors, so inference reads an exported model like an uploaded one.
 * metadata_props record `algorithm`, `features` (JSON [{name, type}]) and, for classifiers, `labels` (JSON).
 */
import { onnx } from 'onnx-proto';
import { METADATA_KEYS, MLAAS_PRODUCER, ONNX_OUTPUTS } from '../onnx-metadata';
import { encodeFeatures, ML_DOMAIN, reorderRows, type EncodedFeatures } from './onnx-feature-encoding';
import { DataType, GraphBuilder, tensorValue } from './onnx-graph-builder';
import type { DenseLayer } from '../training/mlp';
import type { TrainedModel } from '../training/trained-model';

export interface OnnxExportOptions {
  /** The graph's name (ModelProto.graph.name). */
  graphName: string;
  /** The model's doc_string. */
  docString?: string;
}

/** The model cannot be expressed with the required input and output names. */
export class OnnxExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OnnxExportError';
  }
}

/** ai.onnx 17 (IR version 8) and ai.onnx.ml 1 (OneHotEncoder), both run by onnxruntime 1.30. */
const OPSET = 17;
const ML_OPSET = 1;
const IR_VERSION = 8;
const BATCH = 'N';

/** Adds the dense layers after the encoded features; returns the last layer's output. */
function addLayers(
  graph: GraphBuilder,
  encoded: EncodedFeatures,
  layers: DenseLayer[],
  classifier: boolean,
): string {
  let hidden = encoded.value;
  layers.forEach((layer, l) => {
    const weights = l === 0 ? reorderRows(layer, encoded.columnOrder) : layer.weights;
    const w = graph.doubles(`layer${l}_weights`, [layer.inputSize, layer.outputSize], weights);
    const b = graph.doubles(`layer${l}_biases`, [layer.outputSize], layer.biases);
    const isLast = l === layers.length - 1;
    const affine = graph.node('Gemm', [hidden, w, b]);
    if (layer.activation === 'relu') hidden = graph.node('Relu', [affine]);
    else if (layer.activation === 'softmax') {
      const output = isLast && classifier ? ONNX_OUTPUTS.probabilities : undefined;
      hidden = graph.node('Softmax', [affine], { attributes: { axis: 1 }, output });
    } else hidden = affine;
  });
  return hidden;
}

/** A classifier's `label` (the first most probable class) beside its softmax `probabilities`. */
function addClassifierOutputs(
  graph: GraphBuilder,
  probabilities: string,
  labels: string[],
  layers: DenseLayer[],
): onnx.IValueInfoProto[] {
  if (layers.at(-1)?.activation !== 'softmax') throw new OnnxExportError('a classifier must end in softmax');
  const index = graph.node('ArgMax', [probabilities], { attributes: { axis: 1, keepdims: 0 } });
  graph.node('Gather', [graph.strings('labels', labels), index], {
    attributes: { axis: 0 },
    output: ONNX_OUTPUTS.label,
  });
  return [
    tensorValue(ONNX_OUTPUTS.label, DataType.STRING, [BATCH]),
    tensorValue(ONNX_OUTPUTS.probabilities, DataType.DOUBLE, [BATCH, labels.length]),
  ];
}

/** A regressor's `prediction`: the standardized output scaled back to the target's units. */
function addRegressorOutput(
  graph: GraphBuilder,
  output: string,
  target: { mean: number; std: number },
): onnx.IValueInfoProto[] {
  const scaled = graph.node('Mul', [output, graph.doubles('target_std', [], Float64Array.of(target.std))]);
  graph.node('Add', [scaled, graph.doubles('target_mean', [], Float64Array.of(target.mean))], {
    output: ONNX_OUTPUTS.prediction,
  });
  return [tensorValue(ONNX_OUTPUTS.prediction, DataType.DOUBLE, [BATCH, 1])];
}

function modelProto(
  model: TrainedModel,
  graph: GraphBuilder,
  outputs: onnx.IValueInfoProto[],
  usesMlDomain: boolean,
  options: OnnxExportOptions,
): onnx.IModelProto {
  const { algorithm, preprocessing, labels } = model.parameters;
  const features = preprocessing.features;
  const metadata: Record<string, string> = {
    [METADATA_KEYS.algorithm]: algorithm,
    [METADATA_KEYS.features]: JSON.stringify(features.map((f) => ({ name: f.name, type: f.type }))),
    ...(labels ? { [METADATA_KEYS.labels]: JSON.stringify(labels) } : {}),
  };
  return {
    irVersion: IR_VERSION,
    producerName: MLAAS_PRODUCER,
    docString: options.docString ?? '',
    opsetImport: [
      { domain: '', version: OPSET },
      ...(usesMlDomain ? [{ domain: ML_DOMAIN, version: ML_OPSET }] : []),
    ],
    metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: options.graphName,
      input: features.map((f) =>
        tensorValue(f.name, f.type === 'NUMBER' ? DataType.DOUBLE : DataType.STRING, [BATCH, 1]),
      ),
      output: outputs,
      node: graph.nodes,
      initializer: graph.initializers,
    },
  };
}

export function exportOnnx(model: TrainedModel, options: OnnxExportOptions): Uint8Array {
  const { preprocessing, labels, target, layers } = model.parameters;
  const features = preprocessing.features;
  const outputNames = labels ? [ONNX_OUTPUTS.label, ONNX_OUTPUTS.probabilities] : [ONNX_OUTPUTS.prediction];
  checkNames(
    features.map((f) => f.name),
    outputNames,
  );

  const graph = new GraphBuilder([...features.map((f) => f.name), ...outputNames]);
  const encoded = encodeFeatures(graph, features);
  if (!encoded) throw new OnnxExportError('the model has no input column to encode');
  const last = addLayers(graph, encoded, layers, labels !== null);
  const outputs = labels
    ? addClassifierOutputs(graph, last, labels, layers)
    : addRegressorOutput(graph, last, target!);
  const proto = modelProto(model, graph, outputs, encoded.usesMlDomain, options);
  return onnx.ModelProto.encode(onnx.ModelProto.create(proto)).finish();
}

function checkNames(featureNames: string[], outputNames: string[]): void {
  const seen = new Set<string>();
  for (const name of featureNames) {
    if (name === '') throw new OnnxExportError('a feature has an empty name');
    if (seen.has(name)) throw new OnnxExportError(`two features are named "${name}"`);
    if (outputNames.includes(name)) {
      throw new OnnxExportError(`feature "${name}" has the name of an output of the ONNX graph`);
    }
    seen.add(name);
  }
}

import { onnx } from 'onnx-proto';
import { METADATA_KEYS, MLAAS_PRODUCER } from '../onnx-metadata';

/** What a version records of its ONNX file (ModelVersion.onnx). */
export interface OnnxModelInfo {
  irVersion: number;
  producerName: string | null;
  producerVersion: string | null;
  opsets: { domain: string; version: number }[];
  /** Inputs fed at prediction time: graph inputs that are not initializers. */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

export interface OnnxValueInfo {
  name: string;
  /** ONNX notation: `tensor(float)`, `seq(map(string,tensor(float)))`. */
  type: string;
  /** Element type of a tensor (`float`, `string`…); null for other values. */
  elementType: string | null;
  /** A tensor's dimensions, null where symbolic; null when the rank is unknown or the value is no tensor. */
  shape: (number | null)[] | null;
}

export interface DescribedOnnxModel {
  info: OnnxModelInfo;
  /** Labels a classifier carries (ZipMap, LinearClassifier, TreeEnsembleClassifier…), else null. */
  classLabels: string[] | null;
}

/** The bytes are protobuf, but not an ONNX model. */
export class OnnxModelError extends Error {}

const DEFAULT_DOMAIN = 'ai.onnx';
const ML_DOMAIN = 'ai.onnx.ml';
type Integer = number | { toNumber(): number } | null | undefined;

const toNumber = (value: Integer): number => (typeof value === 'number' ? value : (value?.toNumber() ?? 0));

/** Decodes a ModelProto (as `readOnnxStructure` returns it) and checks that it describes a usable ONNX graph. */
export function describeOnnxModel(bytes: Buffer): DescribedOnnxModel {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new OnnxModelError(`not an ONNX model (${(error as Error).message})`);
  }
  const irVersion = toNumber(model.irVersion);
  if (irVersion < 1) throw new OnnxModelError('not an ONNX model: no IR version');
  if (model.opsetImport.length === 0)
    throw new OnnxModelError('not an ONNX model: no operator set is imported');
  const graph = model.graph;
  if (!graph) throw new OnnxModelError('not an ONNX model: no graph');
  // Before IR version 4 initializers were also listed as inputs; they are weights, not something a caller feeds.
  const initializers = new Set([
    ...(graph.initializer ?? []).map((t) => t.name),
    ...(graph.sparseInitializer ?? []).map((t) => t.values?.name),
  ]);
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name)).map(valueInfo);
  const outputs = (graph.output ?? []).map(valueInfo);
  if (inputs.length === 0) throw new OnnxModelError('the graph has no inputs');
  if (outputs.length === 0) throw new OnnxModelError('the graph has no outputs');
  return {
    info: {
      irVersion,
      producerName: model.producerName || null,
      producerVersion: model.producerVersion || null,
      opsets: model.opsetImport.map((o) => ({
        domain: o.domain || DEFAULT_DOMAIN,
        version: toNumber(o.version),
      })),
      inputs,
      outputs,
    },
    classLabels: classLabelsOf(graph.node ?? []) ?? mlaasLabelsOf(model),
  };
}

/**
 * The labels mlaas's own exporter (ml/onnx-writer/onnx-export.ts) records in the metadata: its graph picks the label
 * with a Gather rather than an operator that carries them. Other producers' metadata is not interpreted.
 */
function mlaasLabelsOf(model: onnx.ModelProto): string[] | null {
  if (model.producerName !== MLAAS_PRODUCER) return null;
  const entry = (model.metadataProps ?? []).find((p) => p.key === METADATA_KEYS.labels);
  if (!entry?.value) return null;
  try {
    const labels: unknown = JSON.parse(entry.value);
    return Array.isArray(labels) && labels.every((l) => typeof l === 'string') ? labels : null;
  } catch {
    return null;
  }
}

function valueInfo(value: onnx.IValueInfoProto): OnnxValueInfo {
  if (!value.name) throw new OnnxModelError('a graph input or output has no name');
  if (!value.type) throw new OnnxModelError(`graph value "${value.name}" has no type`);
  const tensor = value.type.tensorType;
  return {
    name: value.name,
    type: typeName(value.type),
    elementType: tensor ? elementTypeName(tensor.elemType) : null,
    shape: tensor?.shape ? (tensor.shape.dim ?? []).map(dimension) : null,
  };
}

// Decoded messages carry the oneof's name; a dimension with neither a value nor a parameter is unknown.
const dimension = (d: onnx.TensorShapeProto.IDimension): number | null =>
  (d as onnx.TensorShapeProto.Dimension).value === 'dimValue' ? toNumber(d.dimValue) : null;

function elementTypeName(elemType: number | null | undefined): string {
  return (onnx.TensorProto.DataType[elemType ?? 0] ?? 'undefined').toLowerCase();
}

function typeName(type: onnx.ITypeProto): string {
  if (type.tensorType) return `tensor(${elementTypeName(type.tensorType.elemType)})`;
  if (type.sparseTensorType) return `sparse_tensor(${elementTypeName(type.sparseTensorType.elemType)})`;
  if (type.sequenceType?.elemType) return `seq(${typeName(type.sequenceType.elemType)})`;
  if (type.mapType?.valueType)
    return `map(${elementTypeName(type.mapType.keyType)},${typeName(type.mapType.valueType)})`;
  if (type.optionalType?.elemType) return `optional(${typeName(type.optionalType.elemType)})`;
  return 'unknown';
}

/** Operators of the ai.onnx.ml domain that carry class labels as skl2onnx writes them. */
const LABELLED_OPERATORS = ['ZipMap', 'LinearClassifier', 'TreeEnsembleClassifier', 'SVMClassifier'];

/** ZipMap first: it names the keys of the probabilities the model outputs. */
function classLabelsOf(nodes: onnx.INodeProto[]): string[] | null {
  for (const opType of LABELLED_OPERATORS) {
    for (const node of nodes) {
      if (node.opType !== opType || (node.domain || DEFAULT_DOMAIN) !== ML_DOMAIN) continue;
      const labels = labelsOf(node.attribute ?? []);
      if (labels) return labels;
    }
  }
  return null;
}

function labelsOf(attributes: onnx.IAttributeProto[]): string[] | null {
  for (const attribute of attributes) {
    if (attribute.name === 'classlabels_strings' && attribute.strings?.length) {
      return attribute.strings.map((s) => Buffer.from(s).toString('utf8'));
    }
    if (attribute.name === 'classlabels_int64s' && attribute.ints?.length) {
      return attribute.ints.map((i) => String(toNumber(i)));
    }
  }
  return null;
}

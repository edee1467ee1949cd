/**
 * skl2onnx ends a classifier with ZipMap by default: `output_probability` is a sequence of maps (label →
 * probability), which onnxruntime-node cannot return (it reads tensors only). The probabilities exist as a tensor
 * `[N, K]` just before: this rewrite makes that tensor the graph output in ZipMap's place and drops the node, so
 * the session returns it and the labels are read from ZipMap's own attributes (same order as the tensor's columns).
 */
import { onnx } from 'onnx-proto';
import { OnnxModelError } from '../onnx-reader/onnx-model-info';

export interface ZipMapRewrite {
  /** The graph to create the session from (the original bytes when there was no ZipMap output). */
  bytes: Uint8Array;
  /** ZipMap's class labels (integers as decimal strings), null when there was no ZipMap output. */
  labels: string[] | null;
}

const ML_DOMAIN = 'ai.onnx.ml';
type Integer = number | { toString(): string };

/** Replaces every ZipMap that produces a graph output by the probability tensor it reads. */
export function exposeZipMapProbabilities(bytes: Uint8Array): ZipMapRewrite {
  let model: onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new OnnxModelError(`not an ONNX model (${(error as Error).message})`);
  }
  const graph = model.graph;
  if (!graph) throw new OnnxModelError('not an ONNX model: no graph');
  graph.output ??= [];
  const outputs = new Map(graph.output.map((o, index) => [o.name, index]));
  const zipMaps = (graph.node ?? []).filter(
    (n) => n.opType === 'ZipMap' && n.domain === ML_DOMAIN && outputs.has(n.output?.[0]),
  );
  if (zipMaps.length === 0) return { bytes, labels: null };
  let labels: string[] | null = null;
  for (const zipMap of zipMaps) {
    const own = zipMapLabels(zipMap);
    labels ??= own;
    graph.output[outputs.get(zipMap.output![0])!] = probabilityValue(graph, zipMap.input![0], own.length);
  }
  graph.node = graph.node!.filter((n) => !zipMaps.includes(n));
  return { bytes: onnx.ModelProto.encode(model).finish(), labels };
}

function zipMapLabels(node: onnx.INodeProto): string[] {
  for (const attribute of node.attribute ?? []) {
    if (attribute.name === 'classlabels_strings' && attribute.strings?.length)
      return attribute.strings.map((s) => Buffer.from(s).toString('utf8'));
    if (attribute.name === 'classlabels_int64s' && attribute.ints?.length)
      return attribute.ints.map((i: Integer) => i.toString());
  }
  throw new OnnxModelError(`ZipMap node "${node.name ?? ''}" has no class labels`);
}

/** The tensor's declared type when the graph records one, else float `[N, K]` as ZipMap's input must be. */
function probabilityValue(graph: onnx.IGraphProto, name: string, classes: number): onnx.IValueInfoProto {
  const known = (graph.valueInfo ?? []).find((v) => v.name === name && v.type?.tensorType);
  if (known) return known;
  return {
    name,
    type: {
      tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [{}, { dimValue: classes }] } },
    },
  };
}

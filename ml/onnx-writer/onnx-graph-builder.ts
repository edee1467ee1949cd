/**
 * A small builder for ONNX graphs: nodes, constant tensors and value names that never collide with the names a
 * caller reserved (the feature inputs and the graph outputs), so a feature called `x_standardized` cannot be
 * mistaken for an intermediate value.
 */
import { onnx } from 'onnx-proto';

export const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

export type AttributeValue = number | string | number[] | string[];

/** Integers become INT(S), other numbers FLOAT(S); ONNX attributes have no double type. */
function attribute(name: string, value: AttributeValue): onnx.IAttributeProto {
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: Buffer.from(value) };
  if (typeof value === 'number') {
    return Number.isInteger(value)
      ? { name, type: AttributeType.INT, i: value }
      : { name, type: AttributeType.FLOAT, f: value };
  }
  if (value.every((v): v is string => typeof v === 'string')) {
    return { name, type: AttributeType.STRINGS, strings: value.map((v) => Buffer.from(v)) };
  }
  const numbers = value as number[];
  return numbers.every(Number.isInteger)
    ? { name, type: AttributeType.INTS, ints: numbers }
    : { name, type: AttributeType.FLOATS, floats: numbers };
}

/** A tensor value with a symbolic dimension given as a string (`'N'`) and a fixed one as a number. */
export function tensorValue(name: string, elemType: number, dims: (number | string)[]): onnx.IValueInfoProto {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

export interface NodeOptions {
  attributes?: Record<string, AttributeValue>;
  domain?: string;
  /** The output's value name; a fresh one derived from the operator otherwise. */
  output?: string;
}

export class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private readonly taken: Set<string>;

  constructor(reserved: Iterable<string>) {
    this.taken = new Set(reserved);
  }

  /** A value name not used yet: `base`, else `base_1`, `base_2`… */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  /**
   * A float64 constant. Stored as raw_data, which ONNX defines as little-endian: Float64Array's bytes are in
   * the platform's order, little-endian on every platform Node and onnxruntime ship for.
   */
  doubles(base: string, dims: number[], values: Float64Array): string {
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    return this.constant({ dims, dataType: DataType.DOUBLE, rawData: Buffer.from(bytes) }, base);
  }

  strings(base: string, values: string[]): string {
    const stringData = values.map((v) => Buffer.from(v, 'utf8'));
    return this.constant({ dims: [values.length], dataType: DataType.STRING, stringData }, base);
  }

  /** Adds a node with one output and returns that output's name. */
  node(opType: string, inputs: string[], options: NodeOptions = {}): string {
    const output = options.output ?? this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      domain: options.domain ?? '',
      name: this.fresh(`${opType}_node`),
      input: inputs,
      output: [output],
      attribute: Object.entries(options.attributes ?? {}).map(([name, value]) => attribute(name, value)),
    });
    return output;
  }

  private constant(tensor: onnx.ITensorProto, base: string): string {
    const name = this.fresh(base);
    this.initializers.push({ ...tensor, name });
    return name;
  }
}

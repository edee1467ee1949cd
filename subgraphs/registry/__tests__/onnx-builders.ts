import { onnx } from 'onnx-proto';

/** Low-level pieces to build ONNX files in tests (see onnx-fixtures.ts for whole models). */

export const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;
type Dim = number | string | null;

export function tensorValue(name: string, elemType: number, dims: Dim[] | null): onnx.IValueInfoProto {
  const shape = dims
    ? { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : d === null ? {} : { dimParam: d })) }
    : undefined;
  return { name, type: { tensorType: { elemType, shape } } };
}

/** skl2onnx's `output_probability`: one map of label → probability per row. */
export function zipMapValue(name: string, keyType: number): onnx.IValueInfoProto {
  return {
    name,
    type: {
      sequenceType: {
        elemType: { mapType: { keyType, valueType: { tensorType: { elemType: DataType.FLOAT } } } },
      },
    },
  };
}

export const attribute = {
  floats: (name: string, floats: number[]) => ({ name, type: AttributeType.FLOATS, floats }),
  ints: (name: string, ints: number[]) => ({ name, type: AttributeType.INTS, ints }),
  strings: (name: string, values: string[]) => ({
    name,
    type: AttributeType.STRINGS,
    strings: values.map((v) => Buffer.from(v)),
  }),
  string: (name: string, value: string) => ({ name, type: AttributeType.STRING, s: Buffer.from(value) }),
  int: (name: string, i: number) => ({ name, type: AttributeType.INT, i }),
  float: (name: string, f: number) => ({ name, type: AttributeType.FLOAT, f }),
};

export function encodeModel(model: onnx.IModelProto): Buffer {
  return Buffer.from(onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish());
}

export const range = (n: number, f: (i: number) => number) => Array.from({ length: n }, (_, i) => f(i));

/**
 * The Open Inference Protocol's inference request (KServe v2, REST), read and checked: `{ id?, inputs: [{ name,
 * shape, datatype, data }], outputs?: [{ name }] }`. Data is row-major, flat or nested as the shape says. Anything
 * wrong is BAD_USER_INPUT (HTTP 400) naming the tensor.
 */
import { errors } from '../../../lib/errors';

export const DATATYPES = ['FP32', 'FP64', 'INT64', 'BYTES'] as const;
export type Datatype = (typeof DATATYPES)[number];

/** A value of a tensor: null stands for a missing value (JSON has no NaN), where the datatype allows one. */
export type TensorValue = number | string | null;

export interface InputTensor {
  name: string;
  shape: number[];
  datatype: Datatype;
  /** Flattened, row-major; FP32 values already rounded to float32. */
  data: TensorValue[];
}

export interface InferenceRequestBody {
  id?: string;
  inputs: InputTensor[];
  /** The outputs asked for by name; null for all of them. */
  outputs: string[] | null;
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const bad = (message: string, field?: string) => errors.badInput(message, field);

export function readInferenceRequest(body: unknown): InferenceRequestBody {
  if (!isObject(body)) throw bad('The request body must be a JSON object with "inputs"');
  if (body.id !== undefined && typeof body.id !== 'string') throw bad('"id" must be a string', 'id');
  if (!Array.isArray(body.inputs) || body.inputs.length === 0)
    throw bad('"inputs" must be a non-empty array of tensors', 'inputs');
  const inputs = body.inputs.map((input, i) => readTensor(input, i));
  const seen = new Set<string>();
  for (const { name } of inputs) {
    if (seen.has(name)) throw bad(`input tensor "${name}" is given twice`, 'inputs');
    seen.add(name);
  }
  return { id: body.id, inputs, outputs: readOutputs(body.outputs) };
}

function readOutputs(outputs: unknown): string[] | null {
  if (outputs === undefined || outputs === null) return null;
  if (!Array.isArray(outputs)) throw bad('"outputs" must be an array of { "name": … }', 'outputs');
  return outputs.map((output, i) => {
    if (!isObject(output) || typeof output.name !== 'string')
      throw bad(`outputs[${i}] must be an object with a "name"`, `outputs[${i}]`);
    return output.name;
  });
}

function readTensor(input: unknown, index: number): InputTensor {
  const field = `inputs[${index}]`;
  if (!isObject(input) || typeof input.name !== 'string' || input.name === '')
    throw bad(`${field} must be an object with a "name"`, field);
  const { name } = input;
  const datatype = input.datatype;
  if (typeof datatype !== 'string' || !(DATATYPES as readonly string[]).includes(datatype))
    throw bad(
      `input tensor "${name}" has datatype ${JSON.stringify(datatype)}; ${DATATYPES.join(', ')} are served`,
      field,
    );
  const shape = input.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0))
    throw bad(`input tensor "${name}" must have a "shape" of non-negative integers`, field);
  if (!Array.isArray(input.data)) throw bad(`input tensor "${name}" must have "data" as an array`, field);
  const data = (input.data as unknown[]).flat(Infinity);
  const size = (shape as number[]).reduce((product, d) => product * d, 1);
  if (data.length !== size)
    throw bad(
      `input tensor "${name}" has ${data.length} values; its shape [${shape.join(', ')}] holds ${size}`,
      field,
    );
  return {
    name,
    shape: shape as number[],
    datatype: datatype as Datatype,
    data: data.map((value, i) => readValue(value, datatype as Datatype, name, i, field)),
  };
}

function readValue(value: unknown, datatype: Datatype, name: string, i: number, field: string): TensorValue {
  const refuse = (what: string) =>
    bad(`input tensor "${name}": value ${i} is ${JSON.stringify(value)}, not ${what}`, field);
  if (value === null) {
    if (datatype === 'INT64') throw refuse('an integer (INT64 has no missing value)');
    return null;
  }
  switch (datatype) {
    case 'BYTES':
      if (typeof value !== 'string') throw refuse('a string (BYTES)');
      return value;
    case 'INT64':
      if (!Number.isSafeInteger(value)) throw refuse('an integer that fits (INT64, up to ±2^53 in JSON)');
      return value as number;
    case 'FP64':
      if (typeof value !== 'number') throw refuse('a number (FP64)');
      return value;
    case 'FP32':
      if (typeof value !== 'number') throw refuse('a number (FP32)');
      // A float32 tensor holds the nearest float32, as a binary client would have sent it.
      if (Math.abs(value) > FLOAT32_MAX) throw refuse('a number FP32 can hold (at most ±3.4e38)');
      return Math.fround(value);
  }
}

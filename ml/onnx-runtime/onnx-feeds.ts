/**
 * Builds onnxruntime inputs from rows of features, for the two layouts exporters produce (see
 * `ml/onnx-reader/onnx-signature.ts`, which checks a file against its declared features):
 * - one tensor `[N, F]` (PyTorch, skl2onnx with one FloatTensorType): every feature in declared order;
 * - one input per feature, `[N, 1]`, named after it (skl2onnx column pipelines, mlaas's own exporter).
 * Rows come positional (`[5.1, 3.5, …]`, in declared order) or named (`{ sepal_length: 5.1, … }`), and each tensor
 * takes the element type the graph declares: float, double, an integer type or string.
 */
import { Tensor } from 'onnxruntime-node';
import type { FeatureSpec } from '../feature';
import type { OnnxValueInfo } from '../onnx-reader/onnx-model-info';
import { toNumber, type RawValue } from '../training/dataset-matrix';

export type OnnxFeeds = Record<string, Tensor>;

/** A row as a client sends it: values in declared order, or keyed by feature name. */
export type FeatureRow = readonly RawValue[] | Readonly<Record<string, RawValue>>;

/** Element types a feed can be built in; others (float16, bool…) are refused by `planFeeds`. */
export const FEEDABLE_ELEMENT_TYPES = ['float', 'double', 'int64', 'int32', 'string'] as const;
export type FeedElementType = (typeof FEEDABLE_ELEMENT_TYPES)[number];

/** One tensor the graph takes, and which features (by index in the declared order) fill it. */
export interface FeedInput {
  name: string;
  elementType: FeedElementType;
  features: number[];
}

/** How a graph takes the declared features: one input of every feature, or one input per feature. */
export interface FeedPlan {
  features: readonly FeatureSpec[];
  inputs: FeedInput[];
}

/** A row cannot be fed: a value is missing where the graph has no notion of missing, or is of the wrong kind. */
export class FeedError extends Error {
  constructor(
    message: string,
    /** Index of the row in the request. */
    readonly row: number,
    /** The feature at fault, when one is. */
    readonly feature: string | null,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** The graph's inputs cannot be fed from the declared features (the registry refuses such files at upload). */
export class FeedPlanError extends Error {}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

const isFeedable = (type: string | null): type is FeedElementType =>
  (FEEDABLE_ELEMENT_TYPES as readonly string[]).includes(type ?? '');

/** Plans the feeds of a graph whose inputs `checkInputSchema` accepted for these features. */
export function planFeeds(inputs: readonly OnnxValueInfo[], features: readonly FeatureSpec[]): FeedPlan {
  const elementType = (input: OnnxValueInfo): FeedElementType => {
    if (!isFeedable(input.elementType))
      throw new FeedPlanError(`input "${input.name}" is ${input.type}, which cannot be fed from features`);
    return input.elementType;
  };
  const perFeature = inputs.length > 1 || (features.length === 1 && inputs[0]?.name === features[0].name);
  if (!perFeature) {
    if (inputs.length !== 1) throw new FeedPlanError('the graph has no input');
    return {
      features,
      inputs: [
        { name: inputs[0].name, elementType: elementType(inputs[0]), features: features.map((_, i) => i) },
      ],
    };
  }
  const byName = new Map(inputs.map((input) => [input.name, input]));
  return {
    features,
    inputs: features.map((feature, index) => {
      const input = byName.get(feature.name);
      if (!input) throw new FeedPlanError(`the graph has no input named after feature "${feature.name}"`);
      return { name: input.name, elementType: elementType(input), features: [index] };
    }),
  };
}

/** The plan of a graph written by `exportOnnx`: one input per feature, double for numbers, string for categories. */
export function exportedModelPlan(features: readonly FeatureSpec[]): FeedPlan {
  return {
    features,
    inputs: features.map((feature, index) => ({
      name: feature.name,
      elementType: feature.type === 'NUMBER' ? 'double' : 'string',
      features: [index],
    })),
  };
}

export interface BuildFeedsOptions {
  /**
   * How a NUMBER cell that is not a finite number reads. `error` (the default) refuses it; `missing` reads it as
   * missing, as the trainer does (NaN in the graph, which mlaas's exports replace with the training mean).
   */
  invalidNumbers?: 'error' | 'missing';
}

/** Builds every input of the plan from the rows: `[N, width]` per input, in row order. */
export function buildFeeds(
  plan: FeedPlan,
  rows: readonly FeatureRow[],
  options: BuildFeedsOptions = {},
): OnnxFeeds {
  const cells = rows.map((row, r) => positional(plan.features, row, r));
  const feeds: OnnxFeeds = {};
  for (const input of plan.inputs) {
    const values: (number | string | null)[] = [];
    for (let r = 0; r < cells.length; r++) {
      for (const f of input.features)
        values.push(cellValue(plan.features[f], cells[r][f], input, r, options));
    }
    feeds[input.name] = tensorOf(input.elementType, values, [rows.length, input.features.length]);
  }
  return feeds;
}

/** `rows[r][c]` is feature `features[c]` of row r, as in training: the feeds of a graph written by `exportOnnx`. */
export function buildOnnxFeeds(features: readonly FeatureSpec[], rows: readonly RawValue[][]): OnnxFeeds {
  return buildFeeds(exportedModelPlan(features), rows, { invalidNumbers: 'missing' });
}

function positional(features: readonly FeatureSpec[], row: FeatureRow, r: number): readonly RawValue[] {
  if (Array.isArray(row)) {
    if (row.length !== features.length)
      throw new FeedError(
        `row ${r} has ${row.length} values; the model takes ${features.length} features`,
        r,
        null,
      );
    return row as readonly RawValue[];
  }
  const named = row as Readonly<Record<string, RawValue>>;
  const known = new Set(features.map((f) => f.name));
  const unknown = Object.keys(named).find((key) => !known.has(key));
  if (unknown !== undefined)
    throw new FeedError(`row ${r} has "${unknown}", which is not a feature of the model`, r, unknown);
  return features.map((feature) => (Object.hasOwn(named, feature.name) ? named[feature.name] : null));
}

const isMissing = (value: RawValue | undefined) => value === null || value === undefined || value === '';

/** One cell as the input's element type wants it: a number (NaN when missing), or a string ('' when missing). */
function cellValue(
  feature: FeatureSpec,
  value: RawValue | undefined,
  input: FeedInput,
  r: number,
  options: BuildFeedsOptions,
): number | string | null {
  if (input.elementType === 'string') {
    if (feature.type === 'NUMBER')
      throw new FeedError(`feature "${feature.name}" is a NUMBER fed as a string`, r, feature.name);
    return isMissing(value) ? '' : String(value);
  }
  const number = toNumber(value ?? null);
  if (number === null && !isMissing(value) && options.invalidNumbers !== 'missing')
    throw new FeedError(
      `feature "${feature.name}" of row ${r} is ${JSON.stringify(value)}, not a number`,
      r,
      feature.name,
    );
  if (input.elementType === 'double') return number ?? NaN;
  // A float32 tensor would turn a larger magnitude into Infinity, which no model answers sensibly.
  if (input.elementType === 'float') {
    if (number !== null && Math.abs(number) > FLOAT32_MAX)
      throw new FeedError(
        `feature "${feature.name}" of row ${r} is ${number}; the model takes float32 values (at most ±3.4e38)`,
        r,
        feature.name,
      );
    return number ?? NaN;
  }
  // Integer tensors have no missing value, and a fraction would be silently truncated.
  if (number === null)
    throw new FeedError(
      `feature "${feature.name}" of row ${r} is missing; the model takes an integer`,
      r,
      feature.name,
    );
  const fits =
    input.elementType === 'int32'
      ? Number.isInteger(number) && Math.abs(number) <= 2 ** 31 - 1
      : Number.isSafeInteger(number);
  if (!fits)
    throw new FeedError(
      `feature "${feature.name}" of row ${r} is ${number}; the model takes an ${input.elementType}`,
      r,
      feature.name,
    );
  return number;
}

function tensorOf(type: FeedElementType, values: (number | string | null)[], dims: number[]): Tensor {
  switch (type) {
    case 'string':
      return new Tensor('string', values as string[], dims);
    case 'double':
      return new Tensor('float64', Float64Array.from(values as number[]), dims);
    case 'float':
      return new Tensor('float32', Float32Array.from(values as number[]), dims);
    case 'int32':
      return new Tensor('int32', Int32Array.from(values as number[]), dims);
    case 'int64':
      return new Tensor(
        'int64',
        BigInt64Array.from(values as number[], (v) => BigInt(v)),
        dims,
      );
  }
}

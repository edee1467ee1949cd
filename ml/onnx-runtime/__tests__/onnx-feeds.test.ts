/**
 * @jest-environment ./test/onnxruntime-environment.ts
 */
import { InferenceSession } from 'onnxruntime-node';
import {
  attribute,
  DataType,
  encodeModel,
  linearRegressionOnnx,
  tensorValue,
} from '../../../test/fixtures/onnx/sklearn';
import type { FeatureSpec } from '../../feature';
import { describeOnnxModel } from '../../onnx-reader/onnx-model-info';
import type { OnnxValueInfo } from '../../onnx-reader/onnx-model-info';
import { buildFeeds, buildOnnxFeeds, FeedError, FeedPlanError, planFeeds } from '../onnx-feeds';

const numbers = (...names: string[]): FeatureSpec[] => names.map((name) => ({ name, type: 'NUMBER' }));
const input = (name: string, elementType: string, shape: (number | null)[]): OnnxValueInfo => ({
  name,
  type: `tensor(${elementType})`,
  elementType,
  shape,
});

async function predict(bytes: Buffer, feeds: ReturnType<typeof buildFeeds>): Promise<number[]> {
  const session = await InferenceSession.create(bytes);
  try {
    const outputs = await session.run(feeds);
    return Array.from(outputs[session.outputNames[0]].data as Float32Array);
  } finally {
    await session.release();
  }
}

describe('planFeeds', () => {
  it('feeds one [N, F] tensor in declared order when the graph takes one input', () => {
    const plan = planFeeds([input('float_input', 'float', [null, 3])], numbers('a', 'b', 'c'));
    expect(plan.inputs).toEqual([{ name: 'float_input', elementType: 'float', features: [0, 1, 2] }]);
  });

  it('feeds one input per feature, matched by name whatever the graph order', () => {
    const plan = planFeeds(
      [input('b', 'int64', [null, 1]), input('a', 'double', [null, 1])],
      [
        { name: 'a', type: 'NUMBER' },
        { name: 'b', type: 'CATEGORY' },
      ],
    );
    expect(plan.inputs).toEqual([
      { name: 'a', elementType: 'double', features: [0] },
      { name: 'b', elementType: 'int64', features: [1] },
    ]);
  });

  it('refuses an element type it cannot build', () => {
    expect(() => planFeeds([input('x', 'float16', [null, 2])], numbers('a', 'b'))).toThrow(FeedPlanError);
  });
});

describe('buildFeeds', () => {
  const plan = planFeeds([input('float_input', 'float', [null, 2])], numbers('a', 'b'));

  it('takes positional and named rows alike; a missing number is NaN in a float tensor', () => {
    const feeds = buildFeeds(plan, [[1, 2], { b: 4, a: 3 }, { a: 5 }]);
    expect(feeds.float_input.type).toBe('float32');
    expect(feeds.float_input.dims).toEqual([3, 2]);
    expect(Array.from(feeds.float_input.data as Float32Array)).toEqual([1, 2, 3, 4, 5, NaN]);
  });

  it('names the row and the feature of a value that is not a number', () => {
    const error = catchError(() =>
      buildFeeds(plan, [
        [1, 2],
        [3, 'x'],
      ]),
    );
    expect(error).toBeInstanceOf(FeedError);
    expect(error).toMatchObject({ row: 1, feature: 'b' });
  });

  it('refuses a row of the wrong width or with an unknown feature', () => {
    expect(() => buildFeeds(plan, [[1, 2, 3]])).toThrow('row 0 has 3 values; the model takes 2 features');
    expect(() => buildFeeds(plan, [{ a: 1, c: 2 }])).toThrow('"c", which is not a feature of the model');
  });

  it('builds int64 tensors from integers and refuses fractions and missing values there', () => {
    const ints = planFeeds([input('x', 'int64', [null, 1])], [{ name: 'x', type: 'CATEGORY' }]);
    expect(Array.from(buildFeeds(ints, [[3], ['7']]).x.data as BigInt64Array)).toEqual([3n, 7n]);
    expect(() => buildFeeds(ints, [[1.5]])).toThrow(FeedError);
    expect(() => buildFeeds(ints, [[null]])).toThrow('is missing; the model takes an integer');
  });

  it('reads invalid numbers as missing for mlaas exports, as the trainer does', () => {
    const feeds = buildOnnxFeeds(
      [
        { name: 'x', type: 'NUMBER' },
        { name: 'colour', type: 'CATEGORY' },
      ],
      [
        ['oops', 'red'],
        [2, null],
      ],
    );
    expect(Array.from(feeds.x.data as Float64Array)).toEqual([NaN, 2]);
    expect(feeds.colour.data).toEqual(['red', '']);
  });
});

describe('feeds run in onnxruntime', () => {
  it('predicts with a single-tensor scikit-learn regressor from named rows', async () => {
    const bytes = linearRegressionOnnx({ features: 3 });
    const plan = planFeeds(describeOnnxModel(bytes).info.inputs, numbers('a', 'b', 'c'));
    // coefficients 0.5, 1.5, 2.5 and intercept 1.5
    const predictions = await predict(bytes, buildFeeds(plan, [{ c: 1, b: 1, a: 1 }, [2, 0, 0]]));
    expect(predictions).toEqual([6, 2.5]);
  });

  it('predicts with one input per feature, a float and an int64 column', async () => {
    const columns: FeatureSpec[] = [
      { name: 'size', type: 'NUMBER' },
      { name: 'rooms', type: 'CATEGORY' },
    ];
    const bytes = perColumnRegressorOnnx();
    const plan = planFeeds(describeOnnxModel(bytes).info.inputs, columns);
    // 2·size + 10·rooms + 1
    const predictions = await predict(bytes, buildFeeds(plan, [{ rooms: 3, size: 0.5 }, [4, '1']]));
    expect(predictions).toEqual([32, 19]);
  });
});

/** A regressor with a float column and an integer-coded category column, concatenated as skl2onnx does. */
function perColumnRegressorOnnx(): Buffer {
  return encodeModel({
    irVersion: 8,
    producerName: 'skl2onnx',
    opsetImport: [
      { domain: '', version: 17 },
      { domain: 'ai.onnx.ml', version: 1 },
    ],
    graph: {
      name: 'per_column',
      input: [
        tensorValue('size', DataType.FLOAT, [null, 1]),
        tensorValue('rooms', DataType.INT64, [null, 1]),
      ],
      node: [
        {
          opType: 'Cast',
          input: ['rooms'],
          output: ['rooms_float'],
          attribute: [attribute.int('to', DataType.FLOAT)],
        },
        {
          opType: 'Concat',
          input: ['size', 'rooms_float'],
          output: ['merged'],
          attribute: [attribute.int('axis', 1)],
        },
        {
          opType: 'LinearRegressor',
          domain: 'ai.onnx.ml',
          input: ['merged'],
          output: ['variable'],
          attribute: [attribute.floats('coefficients', [2, 10]), attribute.floats('intercepts', [1])],
        },
      ],
      output: [tensorValue('variable', DataType.FLOAT, [null, 1])],
    },
  });
}

function catchError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

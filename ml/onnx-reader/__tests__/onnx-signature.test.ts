import type { FeatureSpec } from '../../feature';
import type { OnnxModelInfo, OnnxValueInfo } from '../onnx-model-info';
import { checkInputSchema, resolveOutputLabels } from '../onnx-signature';

const tensor = (name: string, elementType: string, shape: (number | null)[] | null): OnnxValueInfo => ({
  name,
  type: `tensor(${elementType})`,
  elementType,
  shape,
});
const modelWith = (inputs: OnnxValueInfo[], outputs: OnnxValueInfo[] = []): OnnxModelInfo => ({
  irVersion: 8,
  producerName: null,
  producerVersion: null,
  opsets: [],
  inputs,
  outputs,
});
const numbers = (...names: string[]): FeatureSpec[] => names.map((name) => ({ name, type: 'NUMBER' }));

describe('checkInputSchema', () => {
  it('accepts a [N, F] tensor whose F is the number of features, or symbolic', () => {
    expect(() =>
      checkInputSchema(modelWith([tensor('x', 'float', [null, 3])]), numbers('a', 'b', 'c')),
    ).not.toThrow();
    expect(() =>
      checkInputSchema(modelWith([tensor('x', 'double', [null, null])]), numbers('a')),
    ).not.toThrow();
    expect(() => checkInputSchema(modelWith([tensor('x', 'float', null)]), numbers('a', 'b'))).not.toThrow();
  });

  it('refuses a [N, F] tensor with another feature count, naming both counts', () => {
    expect(() =>
      checkInputSchema(modelWith([tensor('x', 'float', [null, 4])]), numbers('a', 'b', 'c')),
    ).toThrow(
      'the model\'s input "x" has shape [N, 4]: it takes 4 features per row, but inputSchema declares 3',
    );
  });

  it('refuses a tensor of another rank, a non-tensor input, and NUMBER features in a string tensor', () => {
    expect(() => checkInputSchema(modelWith([tensor('x', 'float', [null, 2, 2])]), numbers('a'))).toThrow(
      /shape \[N, 2, 2\]; \[N, 1\] was expected/,
    );
    const sequence: OnnxValueInfo = { name: 's', type: 'seq(tensor(float))', elementType: null, shape: null };
    expect(() => checkInputSchema(modelWith([sequence]), numbers('a'))).toThrow(/not a tensor of features/);
    expect(() => checkInputSchema(modelWith([tensor('x', 'string', [null, 1])]), numbers('a'))).toThrow(
      /cannot carry NUMBER features/,
    );
  });

  it('matches one input per feature by name and type', () => {
    const info = modelWith([tensor('age', 'float', [null, 1]), tensor('city', 'string', [null, 1])]);
    expect(() =>
      checkInputSchema(info, [
        { name: 'city', type: 'CATEGORY' },
        { name: 'age', type: 'NUMBER' },
      ]),
    ).not.toThrow();
    expect(() => checkInputSchema(info, numbers('age', 'zip'))).toThrow(
      'the model takes 2 inputs (age, city) but inputSchema declares 2 features; not in the model: zip; not declared: city',
    );
    expect(() => checkInputSchema(info, numbers('age', 'city'))).toThrow(
      'feature "city" is NUMBER but the model\'s input is tensor(string)',
    );
  });
});

describe('resolveOutputLabels', () => {
  const classifier = modelWith([], [tensor('probabilities', 'float', [null, 2])]);

  it('takes the labels the model carries, and the declared ones when it carries none', () => {
    expect(resolveOutputLabels(classifier, ['no', 'yes'], null)).toEqual(['no', 'yes']);
    expect(resolveOutputLabels(classifier, ['no', 'yes'], ['no', 'yes'])).toEqual(['no', 'yes']);
    expect(resolveOutputLabels(classifier, null, ['cat', 'dog'])).toEqual(['cat', 'dog']);
    expect(resolveOutputLabels(classifier, null, null)).toBeNull();
  });

  it('refuses declared labels that differ from the carried ones, even in order only', () => {
    expect(() => resolveOutputLabels(classifier, ['no', 'yes'], ['yes', 'no'])).toThrow(
      'outputLabels [yes, no] differ from the labels the model carries [no, yes]',
    );
  });

  it('refuses declared labels that do not match the width of a single [N, K] output', () => {
    expect(() => resolveOutputLabels(classifier, null, ['a', 'b', 'c'])).toThrow(
      'outputLabels has 3 labels but the model\'s output "probabilities" has shape [N, 2]',
    );
  });
});

import type { FeatureSpec } from '../../feature';
import { encodeClassTargets, fitPreprocessing, transformRows } from '../dataset-matrix';
import { train } from '../trainer';

const columns: FeatureSpec[] = [
  { name: 'size', type: 'NUMBER' },
  { name: 'constant', type: 'NUMBER' },
  { name: 'color', type: 'CATEGORY' },
];

describe('preprocessing', () => {
  it('standardizes numbers with the training mean and std, and a constant column with std 1', () => {
    const stats = fitPreprocessing(columns, [
      [1, 5, 'red'],
      [3, 5, 'blue'],
    ]);
    expect(stats.features[0]).toEqual({ name: 'size', type: 'NUMBER', mean: 2, std: 1 });
    expect(stats.features[1]).toEqual({ name: 'constant', type: 'NUMBER', mean: 5, std: 1 });
    expect(stats.features[2]).toEqual({ name: 'color', type: 'CATEGORY', categories: ['blue', 'red'] });
    expect(stats.inputSize).toBe(4);
  });

  it('one-hot encodes seen categories and leaves an unseen one (or a missing value) all zeros', () => {
    const stats = fitPreprocessing(columns, [
      [1, 5, 'red'],
      [3, 5, 'blue'],
    ]);
    const matrix = transformRows(stats, [
      [3, 5, 'red'],
      [null, 5, 'green'],
    ]);
    expect([...matrix.data]).toEqual([1, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('encodes class labels in sorted order', () => {
    const { labels, indices } = encodeClassTargets(['versicolor', 'setosa', 'virginica', 'setosa']);
    expect(labels).toEqual(['setosa', 'versicolor', 'virginica']);
    expect([...indices]).toEqual([1, 0, 2, 0]);
  });

  it('learns from categorical features and predicts from raw rows', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [i % 7, i % 3 === 0 ? 'hot' : 'cold']);
    const target = rows.map((r) => (r[1] === 'hot' ? 'yes' : 'no'));
    const { model } = await train(
      'LOGISTIC_REGRESSION',
      { features: columns.filter((c) => c.name !== 'constant'), rows, target },
      { epochs: 100, learningRate: 0.05, validationSplit: 0 },
    );
    expect(
      model.predict([
        [2, 'hot'],
        [2, 'cold'],
      ]),
    ).toEqual(['yes', 'no']);
    const [p] = model.predictProba([[2, 'hot']]);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
    expect(model.parameters.labels).toEqual(['no', 'yes']);
  });
});

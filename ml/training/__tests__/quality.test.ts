import type { Algorithm, HyperparametersInput } from '../hyperparameters';
import { accuracy, rSquared } from '../metrics';
import { train } from '../trainer';
import { loadFixture, sklearnReference } from '../../../test/fixtures/datasets';

/** Ours may not be more than 2 accuracy points (0.02 R²) below scikit-learn on the same split. */
const TOLERANCE = 0.02;

const classification: [string, Algorithm, HyperparametersInput][] = [
  ['iris', 'LOGISTIC_REGRESSION', {}],
  ['iris', 'MLP_CLASSIFIER', {}],
  ['breast_cancer', 'LOGISTIC_REGRESSION', {}],
  ['breast_cancer', 'MLP_CLASSIFIER', {}],
];

describe('quality against scikit-learn (bench/sklearn-reference.json)', () => {
  it.each(classification)(
    '%s %s: test accuracy within 2 points of scikit-learn',
    async (name, algorithm, hp) => {
      const { train: data, test } = loadFixture(name, 'label');
      const { model } = await train(algorithm, data, hp);
      const ours = accuracy(model.predict(test.rows), test.target as string[]);
      const reference = sklearnReference.datasets[name].scores[algorithm].testAccuracy!;
      expect(ours).toBeGreaterThanOrEqual(reference - TOLERANCE);
    },
  );

  it.each(['LINEAR_REGRESSION', 'MLP_REGRESSOR'] as Algorithm[])(
    "regression %s: test R² within 0.02 of scikit-learn's LinearRegression",
    async (algorithm) => {
      const { train: data, test } = loadFixture('regression', 'number');
      const { model } = await train(algorithm, data, {});
      const ours = rSquared(model.predict(test.rows) as number[], test.target as number[]);
      const reference = sklearnReference.datasets.regression.scores.LINEAR_REGRESSION.testR2!;
      expect(ours).toBeGreaterThanOrEqual(reference - TOLERANCE);
    },
  );
});

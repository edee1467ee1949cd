import { validationMetric } from '../validation-metric';

describe('autoDeploy: the retrained version against the deployed one', () => {
  it('deploys a classifier whose validation accuracy is at least the deployed one', () => {
    expect(validationMetric({ validationAccuracy: 0.9 }, { validationAccuracy: 0.9 }).better).toBe(true);
    expect(validationMetric({ validationAccuracy: 0.95 }, { validationAccuracy: 0.9 }).better).toBe(true);
    expect(validationMetric({ validationAccuracy: 0.85 }, { validationAccuracy: 0.9 })).toEqual({
      better: false,
      reason: 'validationAccuracy 0.85 < 0.9 of the deployed version',
    });
  });

  it('compares regressors by R²', () => {
    expect(validationMetric({ validationR2: 0.7 }, { validationR2: 0.6 }).better).toBe(true);
    expect(validationMetric({ validationR2: 0.5 }, { validationR2: 0.6 }).better).toBe(false);
  });

  it('deploys nothing it cannot compare', () => {
    expect(validationMetric({ loss: 0.1 }, { validationAccuracy: 0.9 }).reason).toBe(
      'the retrained version has no validation metric',
    );
    expect(validationMetric({ validationAccuracy: 0.9 }, null).better).toBe(false);
    expect(validationMetric({ validationAccuracy: 0.9 }, { validationR2: 0.9 }).better).toBe(false);
  });
});

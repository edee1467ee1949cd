import { featureVector, namedFeatures, predictionKey } from '../prediction-key';

const schema = [
  { name: 'age', type: 'NUMBER' as const },
  { name: 'city', type: 'CATEGORY' as const },
  { name: 'income', type: 'NUMBER' as const },
];

describe('prediction cache key', () => {
  it('is the same for a row given by position and by name, whatever the order of the names', () => {
    const positional = featureVector([30, 'Paris', 1.5], schema);
    const named = featureVector({ income: 1.5, city: 'Paris', age: 30 }, schema);
    expect(named).toEqual([30, 'Paris', 1.5]);
    expect(predictionKey('org', 'v1', named)).toBe(predictionKey('org', 'v1', positional));
  });

  it('differs by value, by missing value, by version and by organization', () => {
    const key = predictionKey('org', 'v1', [30, 'Paris', 1.5]);
    expect(predictionKey('org', 'v1', [30, 'Paris', 1.25])).not.toBe(key);
    expect(predictionKey('org', 'v1', [30, null, 1.5])).not.toBe(key);
    expect(predictionKey('org', 'v1', [30, 'Paris', '1.5'])).not.toBe(key);
    expect(predictionKey('org', 'v2', [30, 'Paris', 1.5])).not.toBe(key);
    expect(predictionKey('other', 'v1', [30, 'Paris', 1.5])).not.toBe(key);
  });

  it('takes numbers as JSON writes them: 1 and 1.0, 0 and -0 are one row', () => {
    expect(predictionKey('o', 'v', [1.0, -0])).toBe(predictionKey('o', 'v', [1, 0]));
  });

  it('names a row by its features, and the values beyond the schema by position', () => {
    expect(namedFeatures([30, 'Paris', null, 9], schema)).toEqual({
      age: 30,
      city: 'Paris',
      income: null,
      3: 9,
    });
  });
});

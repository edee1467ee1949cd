import { createHash } from 'node:crypto';
import type { FeatureSpec } from '../../../ml/feature';
import type { FeatureRow } from '../../../ml/onnx-runtime/onnx-feeds';

/** A row's values in the order of the input schema (null where a named row gives null), whichever way it came. */
export type FeatureVector = (number | string | null)[];

/**
 * The row as a vector in input-schema order, so `{ features: [1, 2] }` and `{ named: { a: 1, b: 2 } }` are the same
 * vector and hit the same cache entry. A positional row too short or too long stays as given: the model refuses it.
 */
export function featureVector(row: FeatureRow, features: readonly FeatureSpec[]): FeatureVector {
  if (Array.isArray(row)) return [...(row as readonly (number | string | null)[])];
  const named = row as Readonly<Record<string, number | string | null>>;
  return features.map((feature) => named[feature.name] ?? null);
}

/** The row named by feature name, as events carry it; values beyond the schema keep their position as name. */
export function namedFeatures(
  vector: FeatureVector,
  features: readonly FeatureSpec[],
): Record<string, number | string | null> {
  return Object.fromEntries(vector.map((value, i) => [features[i]?.name ?? String(i), value]));
}

/**
 * The cache key of a row's prediction: the organization and version (an answer never crosses either), and the
 * SHA-256 of the vector's canonical JSON (numbers as JSON writes them, so 1 and 1.0 are one key).
 */
export function predictionKey(organizationId: string, versionId: string, vector: FeatureVector): string {
  const digest = createHash('sha256').update(JSON.stringify(vector)).digest('base64url');
  return `prediction:${organizationId}:${versionId}:${digest}`;
}

import { echoInput, errors } from '../../../lib/errors';
import type { FeatureSpec } from '../../../ml/feature';
import type { FeatureRow } from '../../../ml/onnx-runtime/onnx-feeds';

type Maybe<T> = T | null | undefined;

/** A PredictionInput as GraphQL gives it. */
export interface PredictionInputArgument {
  features?: Maybe<readonly number[]>;
  named?: unknown;
}

/**
 * The row of one input, or BAD_USER_INPUT naming where it is wrong (`field` is `input` or `inputs[3]`). Named rows
 * must give every feature (null for a missing value): a forgotten name would otherwise pass as a missing value.
 * Values are left to the feeds to check against what the graph takes.
 */
export function toFeatureRow(
  input: PredictionInputArgument,
  features: readonly FeatureSpec[],
  field: string,
): FeatureRow {
  const hasFeatures = input.features != null;
  const hasNamed = input.named != null;
  if (hasFeatures === hasNamed)
    throw errors.badInput(`${field} must give either features or named, not both nor neither`, field);
  if (hasFeatures) return input.features!;
  const named = input.named;
  if (typeof named !== 'object' || Array.isArray(named))
    throw errors.badInput(`${field}.named must be an object of feature values`, `${field}.named`);
  const values = named as Record<string, unknown>;
  const known = new Set(features.map((feature) => feature.name));
  for (const [key, value] of Object.entries(values)) {
    const name = echoInput(key);
    if (!known.has(key))
      throw errors.badInput(`"${name}" is not a feature of the model`, `${field}.named.${name}`);
    if (value !== null && typeof value !== 'number' && typeof value !== 'string')
      throw errors.badInput(`feature "${name}" must be a number, a string or null`, `${field}.named.${name}`);
  }
  const missing = features.find((feature) => !Object.hasOwn(values, feature.name));
  if (missing)
    throw errors.badInput(`feature "${missing.name}" is missing`, `${field}.named.${missing.name}`);
  return values as Record<string, number | string | null>;
}

import { errors } from '../../../lib/errors';
import { isUuid } from '../../../lib/ids';
import type { FeatureSpec } from '../../../ml/feature';

export const MAX_FEATURES = 10_000;
export const MAX_FEATURE_NAME_LENGTH = 200;
export const MAX_LABELS = 10_000;
export const MAX_LABEL_LENGTH = 200;
export const MAX_METRICS = 100;
export const MAX_METRIC_NAME_LENGTH = 100;
export const MAX_ALIAS_LENGTH = 64;

/** Features with distinct, trimmed names. */
export function parseInputSchema(features: readonly FeatureSpec[], field: string): FeatureSpec[] {
  if (features.length === 0) throw errors.badInput('inputSchema needs at least one feature', field);
  if (features.length > MAX_FEATURES) {
    throw errors.badInput(`inputSchema can have at most ${MAX_FEATURES} features`, field);
  }
  const seen = new Set<string>();
  return features.map(({ name, type }) => {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > MAX_FEATURE_NAME_LENGTH) {
      throw errors.badInput(`Feature names must be 1 to ${MAX_FEATURE_NAME_LENGTH} characters`, field);
    }
    if (seen.has(trimmed)) throw errors.badInput(`Feature "${trimmed}" is declared twice`, field);
    seen.add(trimmed);
    return { name: trimmed, type };
  });
}

/** Distinct labels, in the given order (the order of the model's probabilities). */
export function parseOutputLabels(
  labels: readonly string[] | null | undefined,
  field: string,
): string[] | null {
  if (labels == null) return null;
  if (labels.length === 0 || labels.length > MAX_LABELS) {
    throw errors.badInput(`outputLabels must have 1 to ${MAX_LABELS} labels`, field);
  }
  if (labels.some((l) => l.length === 0 || l.length > MAX_LABEL_LENGTH)) {
    throw errors.badInput(`Labels must be 1 to ${MAX_LABEL_LENGTH} characters`, field);
  }
  if (new Set(labels).size !== labels.length) throw errors.badInput('outputLabels must be distinct', field);
  return [...labels];
}

/** An object of metric names to finite numbers. */
export function parseMetrics(value: unknown, field: string): Record<string, number> | null {
  if (value == null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw errors.badInput('metrics must be an object of metric names to numbers', field);
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_METRICS) throw errors.badInput(`At most ${MAX_METRICS} metrics`, field);
  for (const [name, metric] of entries) {
    if (name.length === 0 || name.length > MAX_METRIC_NAME_LENGTH) {
      throw errors.badInput(`Metric names must be 1 to ${MAX_METRIC_NAME_LENGTH} characters`, field);
    }
    if (typeof metric !== 'number' || !Number.isFinite(metric)) {
      throw errors.badInput(`Metric "${name}" must be a finite number`, field);
    }
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

export function parseRunId(value: string | null | undefined, field: string): string | null {
  if (value == null) return null;
  if (!isUuid(value)) throw errors.badInput('runId must be the id of a run (a UUID)', field);
  return value.toLowerCase();
}

// As MLflow: `latest` and `v<number>` would be ambiguous in references such as `models:/churn@v3`.
const ALIAS_PATTERN = /^[A-Za-z0-9_-]+$/;
const RESERVED_ALIAS = /^(latest|v\d+)$/i;

export function parseAlias(value: string, field: string): string {
  const alias = value.trim();
  if (alias.length === 0 || alias.length > MAX_ALIAS_LENGTH) {
    throw errors.badInput(`An alias must be 1 to ${MAX_ALIAS_LENGTH} characters`, field);
  }
  if (!ALIAS_PATTERN.test(alias)) {
    throw errors.badInput('An alias may only contain letters, digits, "-" and "_"', field);
  }
  if (RESERVED_ALIAS.test(alias)) {
    throw errors.badInput(`"${alias}" is reserved: "latest" and "v<number>" cannot be aliases`, field);
  }
  return alias;
}

/** Download URLs last 1 second to 1 day. */
export function parseExpiry(seconds: number, max: number, field: string): number {
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > max) {
    throw errors.badInput(`expiresInSeconds must be between 1 and ${max}`, field);
  }
  return seconds;
}

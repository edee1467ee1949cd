import { echoInput, errors } from '../../../lib/errors';
import type { PointValue } from './metric.repository';
import type { ParamValue } from './run.repository';

export const MAX_KEY_LENGTH = 250;
export const MAX_PARAMS_PER_CALL = 100;
export const MAX_PARAM_VALUE_LENGTH = 500;
export const MAX_POINTS_PER_CALL = 1000;

// MLflow's key characters (letters, digits, "_", "-", ".", "/", ":", space): keys become file and column names
// in the tools people export runs to.
const KEY_PATTERN = /^[\p{L}\p{N}_\-./: ]+$/u;
// Text that reads as a decimal number is also kept as one, so that `params.epochs > 5` works for "10" too.
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function checkKey(key: string, field: string, what: string): void {
  if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw errors.badInput(`${what} keys must be 1 to ${MAX_KEY_LENGTH} characters`, field);
  }
  if (!KEY_PATTERN.test(key)) {
    throw errors.badInput(
      `${what} key "${echoInput(key)}" may only contain letters, digits, spaces, "_", "-", ".", "/" and ":"`,
      field,
    );
  }
}

function paramValue(key: string, value: unknown): ParamValue {
  const invalid = (why: string) => errors.badInput(`Param "${echoInput(key)}" ${why}`, 'params');
  if (typeof value === 'string') {
    if (value.length > MAX_PARAM_VALUE_LENGTH) {
      throw invalid(`is longer than ${MAX_PARAM_VALUE_LENGTH} characters`);
    }
    const number = DECIMAL.test(value.trim()) ? Number(value) : NaN;
    return { key, value, kind: 'STRING', numberValue: Number.isFinite(number) ? number : null };
  }
  if (typeof value === 'number') {
    // JSON has no NaN or Infinity, but a GraphQL literal such as 1e999 reaches here as Infinity.
    if (!Number.isFinite(value)) throw invalid('must be a finite number');
    return { key, value: String(value), kind: 'NUMBER', numberValue: value };
  }
  if (typeof value === 'boolean') return { key, value: String(value), kind: 'BOOLEAN', numberValue: null };
  throw invalid('must be a string, a number or a boolean');
}

/**
 * Params from a JSON object of string, number and boolean values: at most 100 per call, keys of 1 to 250
 * characters, values of at most 500 characters as text. Null stands for no params. BAD_USER_INPUT on `params`.
 */
export function parseParams(input: unknown): ParamValue[] {
  if (input === null || input === undefined) return [];
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw errors.badInput('params must be a JSON object of string, number and boolean values', 'params');
  }
  const entries = Object.entries(input as Record<string, unknown>);
  if (entries.length > MAX_PARAMS_PER_CALL) {
    throw errors.badInput(`At most ${MAX_PARAMS_PER_CALL} params can be logged at once`, 'params');
  }
  return entries.map(([key, value]) => {
    checkKey(key, 'params', 'Param');
    return paramValue(key, value);
  });
}

/** What a client sends for one metric point; step defaults to 0 and timestamp to the time of the call. */
export interface MetricInput {
  key: string;
  value: number;
  step?: number | null;
  timestamp?: Date | string | null;
}

/**
 * At most 1000 points, each with a valid key and a finite value. GraphQL's Float refuses NaN and Infinity in
 * variables, but not in literals (`value: 1e999` arrives as Infinity), so the values are checked here too.
 */
export function parseMetrics(inputs: readonly MetricInput[], now: Date): PointValue[] {
  if (inputs.length > MAX_POINTS_PER_CALL) {
    throw errors.badInput(
      `At most ${MAX_POINTS_PER_CALL} metric points can be logged at once; got ${inputs.length}`,
      'metrics',
    );
  }
  return inputs.map((input, i) => {
    checkKey(input.key, `metrics[${i}].key`, 'Metric');
    if (!Number.isFinite(input.value)) {
      throw errors.badInput(
        `metrics[${i}].value must be a finite number; got ${input.value}`,
        `metrics[${i}].value`,
      );
    }
    const timestamp = input.timestamp == null ? now : new Date(input.timestamp);
    return { key: input.key, value: input.value, step: input.step ?? 0, timestamp };
  });
}

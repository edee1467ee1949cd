/** What a value outside the bounded set is counted as. */
export const OTHER_LABEL = 'other';

/** A GraphQL name a dashboard can show: short and plain, as the spec's Name but capped at 64 characters. */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface BoundedLabelOptions {
  /**
   * Distinct values kept, first come first kept; every later new value is `other`.
   * @default 100
   */
  maxValues?: number;
}

/**
 * The value of a Prometheus label that clients choose (an operation name). Each distinct label value is a series
 * that lives as long as the process, so an unbounded set is a memory leak any client can drive: names that are
 * not plain GraphQL names, and new names once `maxValues` are known, are all counted as `other`. The platform's
 * own operations are few and come early (clients send the same names again and again), so they keep their label.
 */
export function createBoundedLabel(
  options: BoundedLabelOptions = {},
): (value: string | null | undefined) => string {
  const maxValues = options.maxValues ?? 100;
  const known = new Set<string>();
  return (value) => {
    if (value === null || value === undefined) return 'anonymous';
    if (known.has(value)) return value;
    if (!PLAIN_NAME.test(value) || value === OTHER_LABEL || known.size >= maxValues) return OTHER_LABEL;
    known.add(value);
    return value;
  };
}

/** How a CSV field reads as a value: the dataset profiler, the trainer and drift references read alike. */

// pandas' default missing markers, less the exotic ones; compared after trimming. Each starts with N, n, < or #.
const MISSING = new Set(['NA', 'N/A', 'n/a', 'NaN', 'nan', 'NULL', 'null', 'None', '<NA>', '#N/A']);
const MAX_MISSING_LENGTH = 4;

/** A field as the profile sees it: without surrounding white space, null when it marks a missing value. */
export function normalizeValue(field: string): string | null {
  const n = field.length;
  if (n === 0) return null;
  let value = field;
  if (field.charCodeAt(0) <= 32 || field.charCodeAt(n - 1) <= 32) {
    value = field.trim();
    if (value.length === 0) return null;
  }
  const first = value.charCodeAt(0);
  if (first === 78 || first === 110 || first === 60 || first === 35) {
    if (value.length <= MAX_MISSING_LENGTH && MISSING.has(value)) return null;
  }
  return value;
}

// Exact powers of ten: a decimal of at most 15 digits is its digits divided by one of these, correctly rounded.
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The number a normalized value stands for, or undefined when it is not a finite number in decimal notation
 * (`Number()` alone would also take "0x1F", "0b1" and "0o7", and gives Infinity for "1e999").
 */
export function parseNumber(value: string): number | undefined {
  const simple = parseSimpleDecimal(value);
  if (simple !== undefined) return simple;
  const first = value.charCodeAt(0);
  if (!((first >= 48 && first <= 57) || first === 45 || first === 43 || first === 46)) return undefined;
  const number = +value;
  if (!Number.isFinite(number)) return undefined;
  if (first === 48 && value.length > 2) {
    const prefix = value.charCodeAt(1) | 0x20;
    if (prefix === 120 || prefix === 98 || prefix === 111) return undefined;
  }
  return number;
}

/**
 * The common case without `Number()`'s general algorithm, which dominated profiling time: an optional sign,
 * at most 15 digits and at most one point. Both the digits and the power of ten are exact doubles, so the one
 * division rounds correctly (Clinger's fast path). Anything else is undefined, for the general path.
 */
function parseSimpleDecimal(value: string): number | undefined {
  const n = value.length;
  let i = 0;
  let negative = false;
  const sign = value.charCodeAt(0);
  if (sign === 45 || sign === 43) {
    negative = sign === 45;
    i = 1;
  }
  let digits = 0;
  let mantissa = 0;
  let point = -1;
  for (; i < n; i++) {
    const code = value.charCodeAt(i);
    if (code >= 48 && code <= 57) {
      mantissa = mantissa * 10 + (code - 48);
      digits++;
    } else if (code === 46 && point === -1) {
      point = digits;
    } else {
      return undefined;
    }
  }
  if (digits === 0 || digits > 15) return undefined;
  const result = point === -1 ? mantissa : mantissa / POWERS_OF_TEN[digits - point];
  return negative ? -result : result;
}

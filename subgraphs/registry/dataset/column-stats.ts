import { DistinctNumbers } from './distinct-numbers';

import type { FeatureType } from '../../../ml/feature';

/** What a dataset records about one column (`ColumnSpec` in the schema). */
export interface ColumnSummary {
  name: string;
  type: FeatureType;
  missingCount: number;
  /** Exact, or null when the column has more distinct values than the profiler counts (see `distinctLimits`). */
  distinctCount: number | null;
  /** NUMBER columns with at least one value only. */
  min: number | null;
  max: number | null;
  mean: number | null;
}

/** At most this many distinct values are counted per column; past it, `distinctCount` is null. */
export const DISTINCT_LIMIT = 10_000;
/** Distinct values kept over all columns together, so that memory stays bounded however wide the file. */
const DISTINCT_VALUES_BUDGET = 500_000;
/** Characters of distinct values kept over all columns together (values are held as strings). */
const DISTINCT_CHARS_BUDGET = 16 * 1024 * 1024;

export interface DistinctLimits {
  values: number;
  chars: number;
}

/** Each column's share of the budgets: 10,000 values up to 50 columns, fewer in wider files. */
export function distinctLimits(columnCount: number): DistinctLimits {
  return {
    values: Math.min(DISTINCT_LIMIT, Math.floor(DISTINCT_VALUES_BUDGET / columnCount)),
    chars: Math.floor(DISTINCT_CHARS_BUDGET / columnCount),
  };
}

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

/**
 * A copy of `value` that does not keep its source alive: V8 makes a substring of 13 characters or more a view
 * into the original string, here a whole chunk of the file.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, 'utf8').toString('utf8');
}

/**
 * Running summary of one column, fed one normalized value at a time. Distinct values are counted exactly within
 * the column's limits: while the column is numeric they are kept by number (cheap to hash), with each number's
 * first spelling and any other spelling seen ("1.0" after "1"), so that the spellings are known exactly if a
 * later value makes the column a CATEGORY one.
 */
export class ColumnStats {
  private missing = 0;
  private numeric = true;
  private count = 0;
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;
  /** Distinct values are no longer counted: more than the limits allow. */
  private overflow = false;
  private numbers: DistinctNumbers | undefined = new DistinctNumbers();
  private respellings: Set<string> | undefined = new Set();
  private spellings: Set<string> | undefined;
  private entries = 0;
  private chars = 0;

  constructor(
    readonly name: string,
    private readonly limits: DistinctLimits,
  ) {}

  add(value: string | null): void {
    if (value === null) {
      this.missing++;
      return;
    }
    if (this.numeric) {
      const number = parseNumber(value);
      if (number !== undefined) {
        this.count++;
        this.sum += number;
        if (number < this.min) this.min = number;
        if (number > this.max) this.max = number;
        if (!this.overflow) this.rememberNumber(number, value);
        return;
      }
      this.becomeCategory();
    }
    if (!this.overflow && !this.spellings!.has(value) && this.admit(value)) {
      this.spellings!.add(detach(value));
    }
  }

  get type(): FeatureType {
    return this.numeric ? 'NUMBER' : 'CATEGORY';
  }

  summary(): ColumnSummary {
    const numeric = this.numeric && this.count > 0;
    return {
      name: this.name,
      type: this.type,
      missingCount: this.missing,
      distinctCount: this.overflow ? null : this.numeric ? this.numbers!.size : this.spellings!.size,
      min: numeric ? this.min : null,
      max: numeric ? this.max : null,
      mean: numeric ? this.sum / this.count : null,
    };
  }

  private rememberNumber(number: number, value: string): void {
    const first = this.numbers!.spellingOf(number);
    if (first === undefined) {
      if (this.admit(value)) this.numbers!.add(number, detach(value));
    } else if (first !== value && !this.respellings!.has(value) && this.admit(value)) {
      this.respellings!.add(detach(value));
    }
  }

  private becomeCategory(): void {
    this.numeric = false;
    if (!this.overflow) this.spellings = new Set([...this.numbers!.values(), ...this.respellings!]);
    this.numbers = undefined;
    this.respellings = undefined;
  }

  /** Makes room for one more distinct value, or gives up counting them (and frees what was kept). */
  private admit(value: string): boolean {
    if (this.entries < this.limits.values && this.chars + value.length <= this.limits.chars) {
      this.entries++;
      this.chars += value.length;
      return true;
    }
    this.overflow = true;
    this.numbers = undefined;
    this.respellings = undefined;
    this.spellings = undefined;
    return false;
  }
}

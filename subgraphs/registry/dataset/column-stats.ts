import { DistinctNumbers } from './distinct-numbers';

import type { FeatureType } from '../../../ml/feature';
import { normalizeValue, parseNumber } from '../../../ml/csv/csv-values';

export { normalizeValue, parseNumber };

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

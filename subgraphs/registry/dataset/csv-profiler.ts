import {
  ColumnStats,
  detach,
  distinctLimits,
  normalizeValue,
  parseNumber,
  type ColumnSummary,
} from './column-stats';
import { CsvFormatError, CsvTokenizer } from '../../../ml/csv/csv-tokenizer';
import { ReservoirSample, seededRandom } from './reservoir-sample';
import { tokenizeCsvStream } from '../../../ml/csv/csv-stream';

export { CsvFormatError } from '../../../ml/csv/csv-tokenizer';

/** A value of the reference sample: a number in NUMBER columns, text in CATEGORY columns, null when missing. */
export type SampleValue = string | number | null;

/**
 * Rows drawn uniformly at random while profiling, kept with the dataset as the reference distribution that
 * drift detection compares live inputs with (a two-sample test needs samples, not only summaries).
 */
export interface ReferenceSample {
  /** Column names, in file order; each row has one value per column. */
  columns: string[];
  rows: SampleValue[][];
}

export interface DatasetProfile {
  /** Bytes read: the size of the file profiled. */
  bytes: number;
  /** Data rows (the header row and blank lines are not counted). */
  rowCount: number;
  columns: ColumnSummary[];
  sample: ReferenceSample;
}

export interface ProfileOptions {
  /** Seeds the sample, so the same file profiled for the same dataset gives the same sample. */
  seed: string;
  /** @default 1000 */
  sampleSize?: number;
  /** See CsvTokenizerOptions. @default 1_048_576 */
  maxRecordChars?: number;
}

export const MAX_COLUMNS = 1000;
const MAX_COLUMN_NAME_LENGTH = 200;
/**
 * Rows longer than this are left out of the sample (they are rare in tabular data), so that the sample stays
 * under ~16 M characters however long a single row may be.
 */
const MAX_SAMPLE_ROW_CHARS = 16 * 1024;

/**
 * Reads a CSV file once, as it streams: header, row count, a summary per column and a reference sample. Memory
 * is bounded by the limits above (one record of at most `maxRecordChars`, the distinct-value budget of
 * column-stats.ts and the sample), not by the size of the file. A file that is not a usable dataset throws a
 * CsvFormatError naming the line (and the column where there is one).
 */
export async function profileCsv(
  source: AsyncIterable<Buffer | string>,
  options: ProfileOptions,
): Promise<DatasetProfile> {
  let header: { names: string[]; line: number } | undefined;
  let columns: ColumnStats[] = [];
  let rowCount = 0;
  const sample = new ReservoirSample<(string | null)[]>(
    options.sampleSize ?? 1000,
    seededRandom(options.seed),
  );

  const tokenizer = new CsvTokenizer(
    (fields, line, chars) => {
      if (!header) {
        header = { names: parseHeader(fields, line), line };
        const limits = distinctLimits(fields.length);
        columns = header.names.map((name) => new ColumnStats(name, limits));
        return;
      }
      if (fields.length !== columns.length) throw raggedRow(fields.length, header.names, line);
      for (let i = 0; i < fields.length; i++) columns[i].add(normalizeValue(fields[i]));
      rowCount++;
      if (chars <= MAX_SAMPLE_ROW_CHARS) {
        sample.offer(() => fields.map((field) => detachValue(normalizeValue(field))));
      }
    },
    { maxRecordChars: options.maxRecordChars },
  );

  const bytes = await tokenizeCsvStream(source, tokenizer);

  if (!header) {
    throw new CsvFormatError('the file is empty; a dataset needs a header row and at least one data row', 1);
  }
  if (rowCount === 0) throw new CsvFormatError('the file has a header row but no data rows', header.line + 1);
  const summaries = columns.map((c) => c.summary());
  return {
    bytes,
    rowCount,
    columns: summaries,
    sample: {
      columns: header.names,
      rows: sample.items.map((row) =>
        row.map((value, i) =>
          value !== null && summaries[i].type === 'NUMBER' ? (parseNumber(value) ?? null) : value,
        ),
      ),
    },
  };
}

/** Column names, trimmed; refuses empty, duplicate and overlong names and files too wide to profile. */
function parseHeader(fields: string[], line: number): string[] {
  if (fields.length > MAX_COLUMNS) {
    throw new CsvFormatError(
      `the header has ${fields.length} columns; at most ${MAX_COLUMNS} are supported`,
      line,
    );
  }
  const seen = new Map<string, number>();
  return fields.map((field, i) => {
    const name = field.trim();
    if (name.length === 0) throw new CsvFormatError('empty column name', line, i + 1);
    if (name.length > MAX_COLUMN_NAME_LENGTH) {
      throw new CsvFormatError(`column name longer than ${MAX_COLUMN_NAME_LENGTH} characters`, line, i + 1);
    }
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      throw new CsvFormatError(`duplicate column name "${name}" (also column ${earlier})`, line, i + 1);
    }
    seen.set(name, i + 1);
    return detach(name);
  });
}

function raggedRow(found: number, names: string[], line: number): CsvFormatError {
  const expected = names.length;
  // Point at the first field too many, or at the first column left without a value.
  const column = found > expected ? expected + 1 : found + 1;
  const detail = found > expected ? 'extra field' : `no value for "${names[found]}"`;
  return new CsvFormatError(
    `expected ${expected} fields as in the header, found ${found} (${detail})`,
    line,
    column,
  );
}

function detachValue(value: string | null): string | null {
  return value === null ? null : detach(value);
}

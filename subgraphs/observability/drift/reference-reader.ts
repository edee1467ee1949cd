import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { errors } from '../../../lib/errors';
import { Sha256MismatchError, verifySha256 } from '../../../lib/sha256-stream';
import { tokenizeCsvStream } from '../../../ml/csv/csv-stream';
import { CsvFormatError, CsvTokenizer } from '../../../ml/csv/csv-tokenizer';
import { normalizeValue, parseNumber } from '../../../ml/csv/csv-values';
import { deterministicSample } from '../../../ml/drift';
import type { FeatureSpec } from '../../../ml/feature';
import type { DriftFeature, ReferenceColumn } from './reference-sample.entity';

/** The bound: above it, a deterministic sample of this many rows. */
export const MAX_REFERENCE_ROWS = 10_000;

type Value = number | string | null;

export interface ReferenceRows {
  features: DriftFeature[];
  columns: Record<string, ReferenceColumn>;
  rowCount: number;
}

/** NUMBER features are compared as numbers (PSI over deciles, Kolmogorov-Smirnov), CATEGORY ones as categories. */
export function driftFeatures(inputSchema: readonly FeatureSpec[]): DriftFeature[] {
  return inputSchema.map((f) => ({ name: f.name, kind: f.type === 'NUMBER' ? 'NUMERIC' : 'CATEGORICAL' }));
}

/** Where a dataset's CSV file is, and the SHA-256 recorded when it was profiled (null: recorded before hashes were). */
export interface ReferenceFile {
  url: string;
  sha256: string | null;
}

/**
 * Every row of the CSV file, restricted to the features (read as the profiler reads values: trimmed, missing
 * markers as missing), sampled down to MAX_REFERENCE_ROWS with the version id as the seed, so the same version
 * always gets the same sample. Missing values are left out of each column. The file is checked against its
 * recorded SHA-256 before any row is used (CONFLICT when it differs).
 */
export async function readReferenceRows(
  file: ReferenceFile,
  features: readonly DriftFeature[],
  seed: string,
): Promise<ReferenceRows> {
  const rows: Value[][] = [];
  let positions: number[] | undefined;
  const tokenizer = new CsvTokenizer((fields, line) => {
    if (!positions) {
      positions = locate(fields, features, line);
      return;
    }
    rows.push(
      features.map((feature, i) => {
        const value = normalizeValue(fields[positions![i]] ?? '');
        if (value === null) return null;
        return feature.kind === 'NUMERIC' ? (parseNumber(value) ?? null) : value;
      }),
    );
  });
  const response = await fetch(file.url);
  if (!response.ok || !response.body)
    throw errors.conflict(`the reference dataset could not be read (storage answered ${response.status})`);
  const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
  try {
    await tokenizeCsvStream(verifySha256(body, file.sha256), tokenizer);
  } catch (error) {
    if (error instanceof CsvFormatError)
      throw errors.conflict(`the reference dataset is unreadable: ${error.message}`);
    if (error instanceof Sha256MismatchError)
      throw errors.conflict(`the reference dataset file was changed after it was profiled: ${error.message}`);
    throw error;
  }
  const sample = deterministicSample(rows, MAX_REFERENCE_ROWS, seed);
  const columns: Record<string, ReferenceColumn> = {};
  features.forEach((feature, i) => {
    columns[feature.name] = sample.map((row) => row[i]).filter((v) => v !== null) as ReferenceColumn;
  });
  return { features: [...features], columns, rowCount: sample.length };
}

function locate(header: string[], features: readonly DriftFeature[], line: number): number[] {
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  return features.map((feature) => {
    const at = index.get(feature.name);
    if (at === undefined) throw new CsvFormatError(`the file has no column "${feature.name}"`, line);
    return at;
  });
}

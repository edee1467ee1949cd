import { normalizeValue, parseNumber } from '../dataset/column-stats';
import { CsvFormatError, CsvTokenizer } from '../../../ml/csv/csv-tokenizer';
import { tokenizeCsvStream } from '../../../ml/csv/csv-stream';
import type { FeatureSpec } from '../../../ml/feature';
import type { RawValue } from '../../../ml/training/dataset-matrix';
import type { TrainingData } from '../../../ml/training/trainer';

export interface TrainingColumns {
  features: FeatureSpec[];
  targetColumn: string;
  /** Classifier targets are labels (text); regressor targets numbers. */
  targetKind: 'label' | 'number';
}

export interface LoadedTrainingData extends TrainingData {
  /** Data rows of the file whose target was missing: they teach nothing and are left out. */
  skippedRows: number;
}

/**
 * Reads the dataset's CSV (already profiled, so its header and types are known good) into the rows a trainer
 * takes, keeping only the job's columns. Values are read as the profiler read them: trimmed, the usual
 * missing markers (NA, null, …) as missing, a NUMBER column's text that is not a number as missing.
 */
export async function readTrainingData(
  source: AsyncIterable<Buffer | string>,
  columns: TrainingColumns,
): Promise<LoadedTrainingData> {
  const rows: RawValue[][] = [];
  const target: RawValue[] = [];
  let skippedRows = 0;
  let positions: { features: number[]; target: number } | undefined;

  const tokenizer = new CsvTokenizer((fields, line) => {
    if (!positions) {
      positions = locate(fields, columns, line);
      return;
    }
    const label = normalizeValue(fields[positions.target] ?? '');
    const targetValue = label === null ? null : columns.targetKind === 'number' ? parseNumber(label) : label;
    if (targetValue === null || targetValue === undefined) {
      skippedRows++;
      return;
    }
    target.push(targetValue);
    rows.push(
      columns.features.map((feature, i) => {
        const value = normalizeValue(fields[positions!.features[i]] ?? '');
        if (value === null) return null;
        return feature.type === 'NUMBER' ? (parseNumber(value) ?? null) : value;
      }),
    );
  });

  await tokenizeCsvStream(source, tokenizer);
  if (!positions) throw new CsvFormatError('the file is empty', 1);
  return { features: columns.features, rows, target, skippedRows };
}

function locate(header: string[], columns: TrainingColumns, line: number) {
  const index = new Map(header.map((name, i) => [name.trim(), i]));
  const find = (name: string) => {
    const at = index.get(name);
    if (at === undefined) throw new CsvFormatError(`the file has no column "${name}" any more`, line);
    return at;
  };
  return { features: columns.features.map((f) => find(f.name)), target: find(columns.targetColumn) };
}

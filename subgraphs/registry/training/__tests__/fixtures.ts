import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureColumn, RawValue } from '../dataset-matrix';
import type { TrainingData } from '../trainer';

/** A fixture written by bench/sklearn_reference.py: numeric features, `target`, and `split` (train/test). */
export interface Fixture {
  train: TrainingData;
  test: { rows: RawValue[][]; target: RawValue[] };
}

export function loadFixture(name: string, targetType: 'label' | 'number'): Fixture {
  const lines = readFileSync(path.join(__dirname, 'fixtures', `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0].split(',');
  const featureNames = header.slice(0, -2);
  const features: FeatureColumn[] = featureNames.map((n) => ({ name: n, type: 'NUMBER' }));
  const parts = {
    train: { rows: [] as RawValue[][], target: [] as RawValue[] },
    test: { rows: [] as RawValue[][], target: [] as RawValue[] },
  };
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const part = parts[cells[cells.length - 1] as 'train' | 'test'];
    part.rows.push(cells.slice(0, -2).map(Number));
    const target = cells[cells.length - 2];
    part.target.push(targetType === 'number' ? Number(target) : target);
  }
  return { train: { features, ...parts.train }, test: parts.test };
}

export const sklearnReference = JSON.parse(
  readFileSync(path.join(__dirname, '..', '..', '..', '..', 'bench', 'sklearn-reference.json'), 'utf8'),
) as {
  datasets: Record<string, { scores: Record<string, { testAccuracy?: number; testR2?: number }> }>;
};

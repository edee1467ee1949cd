import { performance } from 'node:perf_hooks';
import { featureDrift, ksTwoSample } from '../ml/drift';
import type { FeatureDriftResult } from '../ml/drift';
import { createRandom } from '../ml/training/random';

/**
 * Drift statistics speed: 100 numeric features × 10,000 reference rows × 10,000 current rows, the full drift of
 * every feature (deciles, PSI, KS statistic and its exact p-value), against a 1 s target. A third of the features
 * drift (a shift growing with the feature's index), so p-values near 1 and underflowing ones are both timed. Then
 * the costliest exact case alone: unequal, coprime sizes 10,000 and 9,999, where scipy's lattice recursion is
 * O(m · window) with a window ≈ 2·d·n, at a small and a large statistic d.
 *   npm run bench:drift         (BENCH_DRIFT_FEATURES, BENCH_DRIFT_ROWS to change the shape)
 */
const FEATURES = Number(process.env.BENCH_DRIFT_FEATURES ?? 100);
const ROWS = Number(process.env.BENCH_DRIFT_ROWS ?? 10_000);
const TARGET_MS = 1000;
const thresholds = { psiThreshold: 0.2, pValueThreshold: 0.05 };

function column(seed: number, rows: number, shift: number): number[] {
  const random = createRandom(seed);
  return Array.from({ length: rows }, () => random.normal() + shift);
}

function driftAll(reference: number[][], current: number[][]): FeatureDriftResult[] {
  return reference.map((values, f) => featureDrift(`f${f}`, 'NUMERIC', values, current[f], thresholds));
}

function main(): void {
  const reference = Array.from({ length: FEATURES }, (_, f) => column(1000 + f, ROWS, 0));
  const current = Array.from({ length: FEATURES }, (_, f) =>
    column(5000 + f, ROWS, f % 3 === 0 ? f / 500 : 0),
  );
  driftAll(reference.slice(0, 5), current.slice(0, 5)); // warm-up: JIT the hot loops before timing
  const runs: number[] = [];
  let results: FeatureDriftResult[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    results = driftAll(reference, current);
    runs.push(performance.now() - started);
  }
  const best = Math.min(...runs);
  const drifted = results.filter((r) => r.drifted).length;
  process.stdout.write(
    `drift: ${FEATURES} features × ${ROWS} reference × ${ROWS} current rows: ` +
      `${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms (best ${best.toFixed(0)} ms, ${(best / FEATURES).toFixed(2)} ms a feature), ` +
      `${(best / TARGET_MS).toFixed(3)} × the ${TARGET_MS} ms target; ${drifted} features drifted\n`,
  );
  // The exact inside method walks m columns of a window ≈ 2·d·n wide: it grows with the statistic.
  for (const shift of [0.05, 1]) {
    const unequal = column(9, ROWS - 1, shift);
    const started = performance.now();
    const ks = ksTwoSample(reference[0], unequal);
    process.stdout.write(
      `exact KS, unequal sizes (n = ${ROWS}, m = ${ROWS - 1}, d = ${ks.statistic.toFixed(4)}): ` +
        `${(performance.now() - started).toFixed(0)} ms\n`,
    );
  }
}

main();

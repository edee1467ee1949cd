import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureSpec } from '../ml/feature';
import type { RawValue } from '../ml/training/dataset-matrix';
import { accuracy } from '../ml/training/metrics';
import { createRandom } from '../ml/training/random';
import { train } from '../ml/training/trainer';

/**
 * Training speed of the TypeScript trainers: a synthetic 100,000 × 20 classification set (3 classes from a
 * noisy linear rule, 20,000 more rows held out for test), 10 epochs of logistic regression. Prints
 * rows × epochs per second and the test accuracy; with Debian's python3-sklearn present, also the test
 * accuracy of scikit-learn's LogisticRegression on the same rows.
 *   npx tsx bench/training-speed.ts
 */
const TRAIN_ROWS = Number(process.env.BENCH_TRAIN_ROWS ?? 100_000);
const TEST_ROWS = 20_000;
const FEATURES = 20;
const CLASSES = 3;
const EPOCHS = 10;

function synthetic(rows: number, seed: number): { rows: RawValue[][]; target: string[] } {
  const rule = createRandom(1);
  const weights = Array.from({ length: FEATURES * CLASSES }, () => rule.normal());
  const random = createRandom(seed);
  const data: RawValue[][] = [];
  const target: string[] = [];
  for (let r = 0; r < rows; r++) {
    // Features on different scales and offsets, so standardization matters.
    const x = Array.from({ length: FEATURES }, (_, i) => random.normal() * (1 + i) + i);
    let best = 0;
    let bestScore = -Infinity;
    for (let c = 0; c < CLASSES; c++) {
      let score = random.normal() * 2;
      for (let i = 0; i < FEATURES; i++) score += ((x[i] - i) / (1 + i)) * weights[i * CLASSES + c];
      if (score > bestScore) [best, bestScore] = [c, score];
    }
    data.push(x);
    target.push(`class${best}`);
  }
  return { rows: data, target };
}

/** `estimator`: a scikit-learn expression, fitted after StandardScaler, as bench/sklearn_reference.py does. */
function sklearnAccuracy(
  trainSet: ReturnType<typeof synthetic>,
  testSet: ReturnType<typeof synthetic>,
  estimator: string,
): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'training-speed-'));
  try {
    const write = (name: string, set: ReturnType<typeof synthetic>): string => {
      const file = path.join(dir, name);
      writeFileSync(file, set.rows.map((row, i) => `${row.join(',')},${set.target[i]}`).join('\n'));
      return file;
    };
    const script = `
import sys, time, numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
load = lambda f: np.genfromtxt(f, delimiter=',', dtype=str)
tr, te = load(sys.argv[1]), load(sys.argv[2])
start = time.time()
m = make_pipeline(StandardScaler(), ${estimator}).fit(tr[:, :-1].astype(float), tr[:, -1])
print('%.4f in %.1f s' % ((m.predict(te[:, :-1].astype(float)) == te[:, -1]).mean(), time.time() - start))`;
    return execFileSync(
      '/usr/bin/python3',
      ['-c', script, write('train.csv', trainSet), write('test.csv', testSet)],
      {
        encoding: 'utf8',
      },
    ).trim();
  } catch (error) {
    return `unavailable (${(error as Error).message.split('\n')[0]})`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const trainSet = synthetic(TRAIN_ROWS, 2);
  const testSet = synthetic(TEST_ROWS, 3);
  const features: FeatureSpec[] = Array.from({ length: FEATURES }, (_, i) => ({
    name: `x${i}`,
    type: 'NUMBER',
  }));
  const started = performance.now();
  const { model, history } = await train(
    'LOGISTIC_REGRESSION',
    { features, ...trainSet },
    { epochs: EPOCHS, validationSplit: 0.1, batchSize: 32, seed: 0 },
  );
  const seconds = (performance.now() - started) / 1000;
  const fitted = Math.floor(TRAIN_ROWS * 0.9) * history.length;
  const testAccuracy = accuracy(model.predict(testSet.rows), testSet.target);
  console.log(
    `logistic regression, ${TRAIN_ROWS} × ${FEATURES}, ${history.length} epochs (90% train, 10% validation)`,
  );
  console.log(
    `  wall time            ${seconds.toFixed(2)} s (including preprocessing and per-epoch evaluation)`,
  );
  console.log(`  rows × epochs / s    ${Math.round(fitted / seconds).toLocaleString('en-US')}`);
  console.log(`  test accuracy        ${testAccuracy.toFixed(4)} on ${TEST_ROWS} held-out rows`);
  const logistic = 'LogisticRegression(max_iter=1000)';
  console.log(
    `  scikit-learn         ${sklearnAccuracy(trainSet, testSet, logistic)} (${logistic}, same rows)`,
  );

  // The quality bar on the synthetic set, for the network too: default hyperparameters (early stopping on).
  const mlpStarted = performance.now();
  const mlp = await train('MLP_CLASSIFIER', { features, ...trainSet }, {});
  const mlpSeconds = (performance.now() - mlpStarted) / 1000;
  console.log(`MLP classifier, defaults (hidden [64], early stopping), ${mlp.history.length} epochs`);
  console.log(`  wall time            ${mlpSeconds.toFixed(1)} s`);
  console.log(
    `  test accuracy        ${accuracy(mlp.model.predict(testSet.rows), testSet.target).toFixed(4)}`,
  );
  const network = 'MLPClassifier(random_state=0)';
  console.log(
    `  scikit-learn         ${sklearnAccuracy(trainSet, testSet, network)} (${network}, same rows)`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

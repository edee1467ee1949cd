import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startProductionTopology } from '../test/support/production-topology';
import { IRIS_CSV, IRIS_FEATURES, uploadDataset, waitForTrainingJob } from '../test/support/training-gateway';
import { call, registerBenchUser } from './support/bench-user';

/**
 * Prediction → drift alert latency on the production topology (a process per service, PostgreSQL, Redis, an S3
 * server, one training worker): a trained iris model with the smallest window (30 rows) gets a window of shifted
 * rows per round through `predictBatch`; the time from its answer to the `driftAlerts` event at a gateway
 * subscriber covers the stream, the drift consumer group, the report, the alert and the bus. Target: p99 < 2 s.
 * `npm run bench:drift-alert` (builds first).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const WINDOW = 30;
const TARGET_MS = 2_000;

const shiftedRows = IRIS_CSV.trim()
  .split('\n')
  .slice(1)
  .map((line) => line.split(',').slice(0, 4).map(Number))
  .map(([a, b, c, d]) => ({ features: [a, b, c + 4, d] }));

async function main() {
  const platform = await startProductionTopology({ workers: 1 });
  try {
    const url = platform.gatewayUrl;
    const user = await registerBenchUser(url);
    const headers = {
      email: 'bench@example.com',
      token: user.token,
      headers: { authorization: `Bearer ${user.token}` },
    };
    const ask = <T>(query: string, variables: Record<string, unknown>) =>
      call<T>(url, user.token, query, variables);
    const { createModel } = await ask<{ createModel: { id: string } }>(
      'mutation { createModel(input: { name: "iris-drift-bench", framework: MLAAS, taskType: CLASSIFICATION }) { id } }',
      {},
    );
    const modelId = createModel.id;
    const datasetId = await uploadDataset(url, headers, 'iris', IRIS_CSV);
    const { startTrainingJob } = await ask<{ startTrainingJob: { id: string } }>(
      'mutation ($i: StartTrainingJobInput!) { startTrainingJob(input: $i) { id } }',
      {
        i: {
          modelId,
          datasetId,
          targetColumn: 'target',
          featureColumns: IRIS_FEATURES,
          algorithm: 'LOGISTIC_REGRESSION',
        },
      },
    );
    await waitForTrainingJob(url, headers, startTrainingJob.id, (job) => job.status === 'SUCCEEDED', 120_000);
    await ask('mutation ($m: ID!) { deployModel(modelId: $m) { status } }', { m: modelId });
    await ask(
      'mutation ($m: ID!) { setDriftPolicy(modelId: $m, input: { windowSize: 30 }) { windowSize } }',
      {
        m: modelId,
      },
    );

    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${user.token}` },
      retryAttempts: 0,
    });
    let received: (() => void) | undefined;
    client.subscribe(
      { query: 'subscription ($m: ID) { driftAlerts(modelId: $m) { id } }', variables: { m: modelId } },
      {
        next: () => received?.(),
        error: (e) => console.error('subscription failed', e),
        complete: () => undefined,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const alerted = new Promise<void>((resolve) => (received = resolve));
      // Sepal widths distinct per row and round: fresh predictions, not cached answers (those would count too).
      const rows = Array.from({ length: WINDOW }, (_, i) => {
        const [a, , c, d] = shiftedRows[(round * WINDOW + i) % shiftedRows.length].features;
        return { features: [a, 3 + ((round * WINDOW + i) % 1000) / 1000, c, d] };
      });
      await ask(
        'mutation ($m: ID!, $rows: [PredictionInput!]!) { predictBatch(modelId: $m, inputs: $rows) { label } }',
        {
          m: modelId,
          rows,
        },
      );
      const answered = performance.now();
      await alerted;
      latencies.push(performance.now() - answered);
    }
    await client.dispose();
    report(latencies);
  } finally {
    await platform.stop();
  }
}

function report(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const p99 = at(0.99);
  console.log(`prediction → drift alert latency over ${sorted.length} windows of ${WINDOW} rows`);
  console.log(
    `  p50 ${at(0.5).toFixed(0)} ms   p95 ${at(0.95).toFixed(0)} ms   p99 ${p99.toFixed(0)} ms   max ${sorted.at(-1)!.toFixed(0)} ms`,
  );
  console.log(`  p99 / target (${TARGET_MS} ms): ${(p99 / TARGET_MS).toFixed(2)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

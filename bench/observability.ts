import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Client } from 'graphql-ws';
import { Registry } from 'prom-client';
import { InMemoryEventBus } from '../lib/bus/in-memory-event-bus';
import { migrate, openDatabase } from '../lib/database';
import { createLogger } from '../lib/logger';
import { closeRedis, createRedis } from '../lib/redis';
import { PREDICTION_STREAM, type PredictionEvent } from '../lib/stream/prediction-stream';
import { RedisEventStream } from '../lib/stream/redis-event-stream';
import { predictionEventsConsumed } from '../subgraphs/observability/consumption/prediction-events-consumed';
import {
  METRICS_BATCH_SIZE,
  METRICS_GROUP,
  startMetricsConsumer,
} from '../subgraphs/observability/metrics/metrics-consumer';
import { ModelMinuteMetrics } from '../subgraphs/observability/metrics/model-minute-metrics.entity';
import { observabilityModule } from '../subgraphs/observability/module';
import { sklearnModelFixture } from '../test/fixtures/onnx/sklearn-models';
import { inferenceClient } from '../test/support/inference-client';
import { startProductionTopology } from '../test/support/production-topology';
import { createTestDatabase } from '../test/support/postgres';
import { TEST_REDIS_URL } from '../test/support/redis';
import { connectSocket, observe, registerUser } from '../test/support/training-gateway';

/**
 * Model metrics (issue 10):
 * 1. Stream consumption: N prediction events appended to a Redis stream, then one metrics consumer (the code an
 *    observability replica runs) applies them to PostgreSQL; events/s from its start to the last acknowledgement.
 * 2. Prediction → updated metrics: on the production topology, one prediction at a time through the gateway while
 *    subscribed to `modelMetricsUpdated` through it; the time from sending the prediction to the event showing it.
 *    Predictions are spaced past the subscription's one-second throttle, so each one's own latency is measured.
 *
 *   npm run bench:observability -- [--events 100000] [--models 20] [--batch 1000] [--samples 40] [--only consume,latency]
 */
const CONSUMPTION_TARGET = 10_000;
const LATENCY_P99_TARGET_MS = 2_000;

function options() {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '100000' },
      models: { type: 'string', default: '20' },
      batch: { type: 'string', default: String(METRICS_BATCH_SIZE) },
      samples: { type: 'string', default: '40' },
      only: { type: 'string', default: 'consume,latency' },
    },
  });
  return {
    events: Number(values.events),
    models: Number(values.models),
    batch: Number(values.batch),
    samples: Number(values.samples),
    only: new Set(values.only.split(',')),
  };
}

function syntheticEvents(count: number, models: number): PredictionEvent[] {
  const organizationId = randomUUID();
  const modelIds = Array.from({ length: models }, () => randomUUID());
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    organizationId,
    modelId: modelIds[i % models],
    versionId: modelIds[i % models],
    deploymentId: modelIds[i % models],
    features: { sepal_length_cm: 5.1, sepal_width_cm: 3.5, petal_length_cm: 1.4, petal_width_cm: 0.2 },
    output: { label: 'setosa', probabilities: [{ label: 'setosa', probability: 0.97 }] } as never,
    latencyMs: Math.exp(Math.random() * 6 - 2),
    cacheHit: i % 3 === 0,
    cachedIn: i % 3 === 0 ? 'MEMORY' : null,
    error: null,
    // In stream order, as a load of 10,000 predictions a second appends them.
    time: new Date(now - (count - i) / 10).toISOString(),
  }));
}

async function benchConsumption(count: number, models: number, batchSize: number): Promise<number> {
  const logger = createLogger('bench', 'warn');
  const database = await createTestDatabase('bench_observability');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-bench-'));
  const orm = await openDatabase({
    subgraph: 'observability',
    entities: observabilityModule.entities,
    migrations: observabilityModule.migrations,
    databaseUrl: database.url,
    dataDir,
  });
  const redis = createRedis(TEST_REDIS_URL, { connectionName: 'mlaas-bench-observability' });
  const keyPrefix = `bench:observability:${randomUUID()}:`;
  const stream = new RedisEventStream(redis, { keyPrefix });
  const bus = new InMemoryEventBus();
  try {
    await migrate(orm, 'observability');
    const events = syntheticEvents(count, models);
    for (let start = 0; start < count; start += 5_000)
      await stream.append(PREDICTION_STREAM, events.slice(start, start + 5_000), { maxLength: count * 2 });
    const started = performance.now();
    const consumer = await startMetricsConsumer({
      em: orm.em,
      stream,
      bus,
      logger,
      consumer: 'bench',
      consumed: predictionEventsConsumed(new Registry()),
      retentionDays: 30,
      batchSize,
      blockMs: 50,
    });
    for (;;) {
      const info = (await redis.xinfo('GROUPS', keyPrefix + PREDICTION_STREAM)) as unknown[][];
      const group = info.map(toRecord).find((g) => g.name === METRICS_GROUP);
      if (group && Number(group.pending) === 0 && Number(group.lag) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const seconds = (performance.now() - started) / 1000;
    await consumer.stop();
    const rows = await orm.em.fork().find(ModelMinuteMetrics, {}, { filters: false });
    const applied = rows.reduce((sum, row) => sum + row.requests, 0);
    if (applied !== count) throw new Error(`applied ${applied} events of ${count}`);
    const rate = count / seconds;
    console.log(
      `consumption: ${count} events (${models} models, ${rows.length} model-minutes), batches of ${batchSize}: ` +
        `${seconds.toFixed(2)} s, ${rate.toFixed(0)} events/s on one consumer ` +
        `(target ≥ ${CONSUMPTION_TARGET}: ratio ${(rate / CONSUMPTION_TARGET).toFixed(2)})`,
    );
    return rate;
  } finally {
    await stream.close();
    await closeRedis(redis);
    await bus.close();
    await orm.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function toRecord(fields: unknown[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) record[String(fields[i])] = fields[i + 1];
  return record;
}

const METRICS_UPDATED = `subscription ($modelId: ID!) {
  modelMetricsUpdated(modelId: $modelId) { requestCount model { name } } }`;

async function benchLatency(samples: number): Promise<number> {
  const platform = await startProductionTopology();
  let socket: Client | undefined;
  try {
    const gateway = platform.gatewayUrl;
    const user = await registerUser(gateway, 'bench@example.com', 'Bench');
    const client = inferenceClient(user.headers);
    const fixture = sklearnModelFixture('logistic_regression_zipmap.onnx');
    const modelId = await client.createModel(gateway, 'metrics-latency');
    const { id } = await client.uploadVersion(gateway, modelId, fixture.bytes, {
      inputSchema: fixture.features,
    });
    await client.deploy(gateway, modelId, id);
    socket = connectSocket(gateway, user);
    const updates = observe<{ modelMetricsUpdated: { requestCount: number } }>(socket, METRICS_UPDATED, {
      modelId,
    });
    let highest = 0;
    let highestAt = 0;
    const take = () => {
      for (const result of updates.results.splice(0)) {
        if (result.errors) throw new Error(JSON.stringify(result.errors));
        highest = Math.max(highest, result.data!.modelMetricsUpdated.requestCount);
        highestAt = performance.now();
      }
    };
    const waitFor = async (count: number, timeoutMs: number): Promise<number | null> => {
      const deadline = performance.now() + timeoutMs;
      while (performance.now() < deadline) {
        take();
        if (highest >= count) return highestAt;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      return null;
    };
    // Until an event arrives: the subscription is live from then on (predictions before it are its baseline).
    let row = 0;
    do await client.predict(gateway, modelId, fixture.rows[row++ % fixture.rows.length]);
    while ((await waitFor(1, 2_000)) === null);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    take();
    const latencies: number[] = [];
    for (let i = 0; i < samples; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const expected = highest + 1;
      const sent = performance.now();
      const answer = await client.predict(gateway, modelId, fixture.rows[row++ % fixture.rows.length]);
      if (answer.errors) throw new Error(JSON.stringify(answer.errors));
      const at = await waitFor(expected, 10_000);
      if (at === null) throw new Error(`no modelMetricsUpdated showing prediction ${expected} within 10 s`);
      latencies.push(at - sent);
    }
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.ceil(q * latencies.length) - 1];
    const p99 = at(0.99);
    console.log(
      `prediction → modelMetricsUpdated through the gateway (${samples} predictions): p50 ${at(0.5).toFixed(0)} ms, ` +
        `p95 ${at(0.95).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms ` +
        `(target p99 < ${LATENCY_P99_TARGET_MS} ms: ratio ${(p99 / LATENCY_P99_TARGET_MS).toFixed(2)})`,
    );
    return p99;
  } finally {
    await socket?.dispose();
    await platform.stop();
  }
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.only.has('consume')) await benchConsumption(opts.events, opts.models, opts.batch);
  if (opts.only.has('latency')) await benchLatency(opts.samples);
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

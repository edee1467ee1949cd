import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { createLogger } from '../../../../lib/logger';
import type { StreamEntry } from '../../../../lib/stream/event-stream';
import { PREDICTION_STREAM, type PredictionEvent } from '../../../../lib/stream/prediction-stream';
import { RedisEventStream } from '../../../../lib/stream/redis-event-stream';
import { startStreamConsumer, type StreamConsumer } from '../../../../lib/stream/stream-consumer';
import { eventually } from '../../../../test/support/eventually';
import { startSubgraphHarness, useSubgraphHarness } from '../../../../test/support/harness/subgraph';
import { createTestRedis } from '../../../../test/support/redis';
import { predictionEventsConsumed } from '../../consumption/prediction-events-consumed';
import { observabilityModule } from '../../module';
import {
  applyPredictionEvents,
  METRICS_GROUP,
  metricsBatchHandler,
  type MetricsConsumerOptions,
} from '../metrics-consumer';
import { ModelMinuteMetrics } from '../model-minute-metrics.entity';

const logger = createLogger('test', 'silent');
const testRedis = createTestRedis('metrics-crash');
afterAll(() => testRedis.cleanup());

/**
 * A replica that dies mid-batch, before acknowledging it: after its transaction committed, or before. Another
 * replica takes the batch over once it has been pending `claimIdleMs`; every event must count exactly once.
 */
describe('metrics consumer on PostgreSQL and Redis, when a replica dies mid-batch', () => {
  const observability = useSubgraphHarness(() => startSubgraphHarness(observabilityModule));
  let stream: RedisEventStream;
  let keyPrefix: string;
  let consumers: StreamConsumer[];

  beforeEach(() => {
    // A prefix per test: each starts with a fresh prediction stream and consumer group.
    keyPrefix = `${testRedis.prefix}${randomUUID()}:`;
    stream = new RedisEventStream(testRedis.redis, { keyPrefix });
    consumers = [];
  });

  /** Entries delivered to a consumer of the group and not acknowledged yet (XPENDING). */
  async function pending(): Promise<number> {
    const [count] = (await testRedis.redis.xpending(keyPrefix + PREDICTION_STREAM, METRICS_GROUP)) as [
      number,
    ];
    return count;
  }

  /** Until the group has read everything appended and acknowledged all of it. */
  async function drained(modelId: string, appended: number): Promise<void> {
    await eventually(async () => {
      expect(await pending()).toBe(0);
      expect((await stored(modelId)).requests).toBeGreaterThanOrEqual(appended);
    }, 10_000);
  }
  afterEach(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await stream.close();
  });

  const options = (): MetricsConsumerOptions => ({
    em: observability.subgraph.orm.em,
    stream,
    bus: observability.infrastructure.bus,
    logger,
    consumer: 'unused',
    consumed: predictionEventsConsumed(new Registry()),
    retentionDays: 30,
  });

  async function start(
    consumer: string,
    handle: (entries: StreamEntry<PredictionEvent>[]) => Promise<void>,
    claimIdleMs = 60_000,
  ) {
    const started = await startStreamConsumer(stream, {
      stream: PREDICTION_STREAM,
      group: METRICS_GROUP,
      consumer,
      handle,
      logger,
      batchSize: 100,
      blockMs: 50,
      claimIdleMs,
      retryDelayMs: 20,
    });
    consumers.push(started);
    return started;
  }

  function events(modelId: string, count: number): PredictionEvent[] {
    const organizationId = randomUUID();
    return Array.from({ length: count }, (_, i) => ({
      eventId: randomUUID(),
      organizationId,
      modelId,
      versionId: randomUUID(),
      deploymentId: randomUUID(),
      features: { x: i },
      output: null,
      latencyMs: 1 + i,
      cacheHit: i % 2 === 0,
      cachedIn: i % 2 === 0 ? 'REDIS' : null,
      error: null,
      time: new Date().toISOString(),
    }));
  }

  /** What the minute rows of the model add up to. */
  async function stored(modelId: string) {
    const rows = await observability.subgraph.orm.em
      .fork()
      .find(ModelMinuteMetrics, { modelId }, { filters: false });
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    return {
      requests: sum(rows.map((row) => row.requests)),
      cacheHits: sum(rows.map((row) => row.cacheHits)),
      latencies: sum(rows.flatMap((row) => Object.values(row.latencyHistogram))),
    };
  }

  /** A consumer that handles its first batch with `dying`, then is gone without acknowledging it. */
  async function dieOnFirstBatch(dying: (entries: StreamEntry<PredictionEvent>[]) => Promise<void>) {
    let handled = 0;
    let died!: () => void;
    const dead = new Promise<void>((resolve) => (died = resolve));
    const replica = await start('replica-a', async (entries) => {
      handled += entries.length;
      await dying(entries).finally(died);
      throw new Error('unreachable: the replica died');
    });
    return {
      dead: dead.then(async () => {
        await replica.stop();
        return handled;
      }),
    };
  }

  it('counts a batch committed but never acknowledged once, when another replica takes it over', async () => {
    const modelId = randomUUID();
    const appended = events(modelId, 250);
    const apply = metricsBatchHandler(options());
    const a = await dieOnFirstBatch(async (entries) => {
      await apply(entries);
      throw new Error('killed after commit, before ack');
    });
    await stream.append(PREDICTION_STREAM, appended.slice(0, 100));
    expect(await a.dead).toBe(100);
    expect((await stored(modelId)).requests).toBe(100);

    await stream.append(PREDICTION_STREAM, appended.slice(100));
    expect(await pending()).toBe(100);
    await start('replica-b', apply, 200);
    await start('replica-c', apply, 200);
    await drained(modelId, 250);
    expect(await stored(modelId)).toEqual({ requests: 250, cacheHits: 125, latencies: 250 });
  });

  it('counts a batch whose transaction never committed once, when another replica takes it over', async () => {
    const modelId = randomUUID();
    const appended = events(modelId, 150);
    const a = await dieOnFirstBatch((entries) =>
      observability.subgraph.orm.em.fork().transactional(async (tx) => {
        await applyPredictionEvents(
          tx,
          entries.map((entry) => entry.event),
          logger,
        );
        throw new Error('killed inside the transaction');
      }),
    );
    await stream.append(PREDICTION_STREAM, appended);
    expect(await a.dead).toBe(100);
    expect((await stored(modelId)).requests).toBe(0);

    expect(await pending()).toBe(100);
    await start('replica-b', metricsBatchHandler(options()), 200);
    await drained(modelId, 150);
    expect(await stored(modelId)).toEqual({ requests: 150, cacheHits: 75, latencies: 150 });
  });
});

import { randomUUID } from 'node:crypto';
import type { AuthenticatedCaller } from '../../../../lib/caller';
import { PREDICTION_STREAM, type PredictionEvent } from '../../../../lib/stream/prediction-stream';
import { eventually } from '../../../../test/support/eventually';
import {
  member,
  sqlStatements,
  startSubgraphHarness,
  useSubgraphHarness,
} from '../../../../test/support/harness/subgraph';
import { observabilityModule } from '../../module';
import { addToMinutes, deleteMinutesBefore } from '../model-metrics.store';
import { ModelMinuteMetrics } from '../model-minute-metrics.entity';
import { scrapeMetrics } from '../../../../test/support/metrics';

const METRICS = `query ($representations: [_Any!]!, $window: MetricsWindow) {
  _entities(representations: $representations) {
    ... on Model { id metrics(window: $window) {
      model { id } window requestCount errorCount errorRate cacheHitRate
      latencyP50Ms latencyP95Ms latencyP99Ms throughputPerMinute from to } } } }`;

interface MetricsView {
  model: { id: string };
  window: string;
  requestCount: number;
  errorCount: number;
  errorRate: number;
  cacheHitRate: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  throughputPerMinute: number;
  from: string;
  to: string;
}

const MINUTE = 60_000;

function predictionEvent(
  caller: AuthenticatedCaller,
  modelId: string,
  overrides: Partial<PredictionEvent> = {},
) {
  return {
    eventId: randomUUID(),
    organizationId: caller.organizationId,
    modelId,
    versionId: randomUUID(),
    deploymentId: randomUUID(),
    features: { x: 1 },
    output: null,
    latencyMs: 5,
    cacheHit: false,
    cachedIn: null,
    error: null,
    time: new Date().toISOString(),
    ...overrides,
  } satisfies PredictionEvent;
}

/** Nearest rank, as the histogram reads its percentiles. */
function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(q * sorted.length) - 1];
}

describe.each(['postgresql', 'sqlite'] as const)('Model.metrics on %s', (dialect) => {
  const observability = useSubgraphHarness(() => startSubgraphHarness(observabilityModule, { dialect }));

  const append = (events: unknown[]) =>
    observability.infrastructure.eventStream.append(PREDICTION_STREAM, events);

  async function metricsOf(caller: AuthenticatedCaller, modelIds: string[], window?: string) {
    const result = await observability.call<{ _entities: { id: string; metrics: MetricsView }[] }>(
      caller,
      METRICS,
      { representations: modelIds.map((id) => ({ __typename: 'Model', id })), window },
    );
    expect(result.errors).toBeUndefined();
    return result.data!._entities.map((entity) => entity.metrics);
  }

  const requestsOf = async (caller: AuthenticatedCaller, modelId: string, window?: string) =>
    (await metricsOf(caller, [modelId], window))[0].requestCount;

  it('counts requests, errors and cache hits, and reads latency percentiles within 1 % of the exact values', async () => {
    const owner = member('VIEWER');
    const modelId = randomUUID();
    const latencies = Array.from({ length: 2_000 }, (_, i) => 0.5 + ((i * 7919) % 2000) * 0.37);
    const events = latencies.map((latencyMs, i) =>
      predictionEvent(owner, modelId, {
        latencyMs,
        error: i % 10 === 0 ? 'Input x: expected a number' : null,
        cacheHit: i % 4 === 0,
        cachedIn: i % 4 === 0 ? 'MEMORY' : null,
      }),
    );
    await append(events);
    await eventually(async () => expect(await requestsOf(owner, modelId)).toBe(2_000), 10_000);

    const [metrics] = await metricsOf(owner, [modelId]);
    expect(metrics).toMatchObject({
      model: { id: modelId },
      window: 'LAST_HOUR',
      requestCount: 2_000,
      errorCount: 200,
      errorRate: 0.1,
      cacheHitRate: 0.25,
      throughputPerMinute: 2_000 / 60,
    });
    for (const [field, q] of [
      ['latencyP50Ms', 0.5],
      ['latencyP95Ms', 0.95],
      ['latencyP99Ms', 0.99],
    ] as const) {
      const exact = exactQuantile(latencies, q);
      expect(Math.abs((metrics[field] as number) - exact) / exact).toBeLessThanOrEqual(0.01);
    }
    expect(Date.parse(metrics.to) - Date.parse(metrics.from)).toBeLessThanOrEqual(60 * MINUTE);
    expect(Date.parse(metrics.to) - Date.parse(metrics.from)).toBeGreaterThan(59 * MINUTE);
  });

  it('answers zeros and null latencies for a model that served nothing', async () => {
    const [metrics] = await metricsOf(member(), [randomUUID()], 'LAST_5_MINUTES');
    expect(metrics).toMatchObject({
      requestCount: 0,
      errorCount: 0,
      errorRate: 0,
      cacheHitRate: 0,
      latencyP50Ms: null,
      latencyP95Ms: null,
      latencyP99Ms: null,
      throughputPerMinute: 0,
    });
  });

  it('counts each prediction in the windows its time falls in', async () => {
    const owner = member();
    const modelId = randomUUID();
    const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
    await append([
      predictionEvent(owner, modelId, { time: ago(0) }),
      predictionEvent(owner, modelId, { time: ago(3 * MINUTE) }),
      predictionEvent(owner, modelId, { time: ago(30 * MINUTE) }),
      predictionEvent(owner, modelId, { time: ago(5 * 60 * MINUTE) }),
      predictionEvent(owner, modelId, { time: ago(25 * 60 * MINUTE) }),
    ]);
    await eventually(async () => expect(await requestsOf(owner, modelId, 'LAST_DAY')).toBe(4), 10_000);
    expect(await requestsOf(owner, modelId, 'LAST_HOUR')).toBe(3);
    expect(await requestsOf(owner, modelId, 'LAST_5_MINUTES')).toBe(2);
    const [metrics] = await metricsOf(owner, [modelId], 'LAST_5_MINUTES');
    expect(metrics.throughputPerMinute).toBe(2 / 5);
  });

  it("never counts another organization's predictions, even for the same model id", async () => {
    const owner = member();
    const stranger = member('OWNER');
    const modelId = randomUUID();
    await append([predictionEvent(stranger, modelId), predictionEvent(stranger, modelId)]);
    await append([predictionEvent(owner, modelId)]);
    await eventually(async () => expect(await requestsOf(stranger, modelId)).toBe(2), 10_000);
    expect(await requestsOf(owner, modelId)).toBe(1);
    expect(await requestsOf(member('OWNER'), modelId)).toBe(0);
  });

  it('counts an event delivered twice once, and skips events it cannot count without blocking the stream', async () => {
    const owner = member();
    const modelId = randomUUID();
    const event = predictionEvent(owner, modelId);
    await append([event, { ...event }, { eventId: randomUUID(), modelId: 'not-a-model' }]);
    await append([predictionEvent(owner, modelId), event]);
    await eventually(async () => expect(await requestsOf(owner, modelId)).toBe(2), 10_000);
    // A later batch proves the earlier ones were all applied before it.
    const marker = randomUUID();
    await append([predictionEvent(owner, marker)]);
    await eventually(async () => expect(await requestsOf(owner, marker)).toBe(1), 10_000);
    expect(await requestsOf(owner, modelId)).toBe(2);
  });

  it('answers the metrics of 50 models in one SQL query', async () => {
    const owner = member();
    const modelIds = Array.from({ length: 50 }, () => randomUUID());
    await append(modelIds.map((modelId) => predictionEvent(owner, modelId)));
    await eventually(async () => expect(await requestsOf(owner, modelIds[49])).toBe(1), 10_000);
    observability.queries.splice(0);
    const metrics = await metricsOf(owner, modelIds);
    expect(
      sqlStatements(observability.queries).filter((sql) => /model_minute_metrics/.test(sql)),
    ).toHaveLength(1);
    expect(metrics.map((m) => m.requestCount)).toEqual(modelIds.map(() => 1));
    expect(metrics.map((m) => m.model.id)).toEqual(modelIds);
  });

  it('adds the histograms of successive batches bucket by bucket', async () => {
    const key = { organizationId: randomUUID(), modelId: randomUUID(), minute: Date.UTC(2026, 0, 1, 12, 30) };
    const em = observability.subgraph.orm.em.fork();
    const add = (latencyHistogram: Record<string, number>) =>
      em.transactional((tx) =>
        addToMinutes(tx, [{ ...key, requests: 1, errors: 0, cacheHits: 1, latencyHistogram }]),
      );
    await add({ '-130': 2, '640': 1 });
    await add({ '640': 3, z: 1 });
    await add({});
    const [row] = await em.find(ModelMinuteMetrics, { modelId: key.modelId }, { filters: false });
    expect(row).toMatchObject({ requests: 3, cacheHits: 3, errors: 0 });
    expect(row.minute.getTime()).toBe(key.minute);
    expect(row.latencyHistogram).toEqual({ '-130': 2, '640': 4, z: 1 });
  });

  it('deletes minutes past the retention and keeps the others', async () => {
    const owner = member();
    const modelId = randomUUID();
    const day = 24 * 60 * MINUTE;
    await append([
      predictionEvent(owner, modelId, { time: new Date(Date.now() - 31 * day).toISOString() }),
      predictionEvent(owner, modelId),
    ]);
    const em = observability.subgraph.orm.em.fork();
    const stored = () => em.count(ModelMinuteMetrics, { modelId }, { filters: false });
    await eventually(async () => expect(await stored()).toBe(2), 10_000);
    expect(await deleteMinutesBefore(em, new Date(Date.now() - 30 * day))).toBeGreaterThanOrEqual(1);
    expect(await stored()).toBe(1);
  });

  it('counts applied events in mlaas_prediction_events_consumed_total', async () => {
    const owner = member();
    const modelId = randomUUID();
    await append([predictionEvent(owner, modelId)]);
    await eventually(async () => expect(await requestsOf(owner, modelId)).toBe(1), 10_000);
    const text = await scrapeMetrics(observability.subgraph.url);
    const line = text.split('\n').find((l) => l.startsWith('mlaas_prediction_events_consumed_total{'));
    expect(line).toMatch(/group="observability-metrics"/);
    expect(Number(line!.split(' ').pop())).toBeGreaterThanOrEqual(1);
  });
});

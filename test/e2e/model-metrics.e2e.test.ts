import type { Client } from 'graphql-ws';
import { sklearnModelFixture } from '../fixtures/onnx/sklearn-models';
import { graphql } from '../support/graphql-client';
import { inferenceClient } from '../support/inference-client';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';
import {
  connectSocket,
  endOf,
  eventually,
  observe,
  registerUser,
  type GatewayUser,
} from '../support/training-gateway';

const logistic = sklearnModelFixture('logistic_regression_zipmap.onnx');

const METRICS_UPDATED = `subscription ($modelId: ID!) {
  modelMetricsUpdated(modelId: $modelId) {
    window requestCount errorCount cacheHitRate latencyP50Ms latencyP99Ms
    model { id name deployment { status } } } }`;

const MODEL_METRICS = `query ($id: ID!) { model(id: $id) { name metrics(window: LAST_5_MINUTES) {
  requestCount errorCount errorRate cacheHitRate latencyP50Ms latencyP95Ms latencyP99Ms throughputPerMinute } } }`;

interface MetricsUpdated {
  modelMetricsUpdated: {
    window: string;
    requestCount: number;
    errorCount: number;
    cacheHitRate: number;
    latencyP50Ms: number | null;
    latencyP99Ms: number | null;
    model: { id: string; name: string; deployment: { status: string } | null };
  };
}

interface ModelMetricsAnswer {
  model: {
    name: string;
    metrics: {
      requestCount: number;
      cacheHitRate: number;
      latencyP50Ms: number | null;
      throughputPerMinute: number;
    };
  };
}

/**
 * Model metrics as they run in production: predictions through one gateway reach two observability replicas
 * sharing the prediction stream's consumer group; a client of another gateway (talking to the other observability
 * replica) watches them change.
 */
describe('model metrics on the production topology (two observability replicas)', () => {
  let platform: ProductionTopology;
  let gateways: string[];
  let ada: GatewayUser;
  const sockets: Client[] = [];

  const socket = (url: string, user?: GatewayUser) => {
    const client = connectSocket(url, user);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    platform = await startProductionTopology({ replicas: { observability: 2 } });
    gateways = [platform.gatewayUrl, await platform.startGateway({ observability: 1 })];
    ada = await registerUser(gateways[0], 'ada@example.com', 'Analytical Engines');
  }, 120_000);

  afterAll(async () => {
    await Promise.all(sockets.map((client) => client.dispose()));
    await platform?.stop();
  });

  async function deployedModel(name: string): Promise<string> {
    const client = inferenceClient(ada.headers);
    const modelId = await client.createModel(gateways[0], name);
    const { id } = await client.uploadVersion(gateways[0], modelId, logistic.bytes, {
      inputSchema: logistic.features,
    });
    expect(await client.deploy(gateways[0], modelId, id)).toMatchObject({ status: 'READY' });
    return modelId;
  }

  it('counts predictions made through the gateway and streams the change with cross-subgraph fields', async () => {
    const modelId = await deployedModel('metrics-e2e');
    const updates = observe<MetricsUpdated>(socket(gateways[1], ada), METRICS_UPDATED, { modelId });
    const metricsOf = async () =>
      (await graphql<ModelMetricsAnswer>(gateways[1], MODEL_METRICS, { id: modelId }, ada.headers)).data!
        .model;

    const client = inferenceClient(ada.headers);
    const rows = logistic.rows.slice(0, 10);
    for (const row of rows) expect((await client.predict(gateways[0], modelId, row)).errors).toBeUndefined();
    await eventually(async () => expect((await metricsOf()).metrics.requestCount).toBe(10), 20_000);
    // The same rows again, answered by the prediction cache: a change the subscription, live by now, must see.
    for (const row of rows) expect((await client.predict(gateways[0], modelId, row)).errors).toBeUndefined();
    await eventually(async () => expect((await metricsOf()).metrics.requestCount).toBe(20), 20_000);
    const { name, metrics } = await metricsOf();
    expect(name).toBe('metrics-e2e');
    expect(metrics.cacheHitRate).toBe(0.5);
    expect(metrics.latencyP50Ms).toBeGreaterThan(0);
    expect(metrics.throughputPerMinute).toBe(20 / 5);

    await eventually(
      () => expect(updates.results.at(-1)?.data?.modelMetricsUpdated.requestCount).toBe(20),
      20_000,
    );
    for (const result of updates.results) {
      expect(result.errors).toBeUndefined();
      expect(result.data!.modelMetricsUpdated).toMatchObject({
        window: 'LAST_5_MINUTES',
        model: { id: modelId, name: 'metrics-e2e', deployment: { status: 'READY' } },
      });
    }
    const counts = updates.results.map((result) => result.data!.modelMetricsUpdated.requestCount);
    expect(counts).toEqual([...new Set(counts)].sort((a, b) => a - b));
  });

  it("answers a subscription to another organization's model with NOT_FOUND and no event", async () => {
    const modelId = await deployedModel('private-metrics');
    const grace = await registerUser(gateways[0], 'grace@example.com', 'Compilers Inc');
    const strangers = observe<MetricsUpdated>(socket(gateways[1], grace), METRICS_UPDATED, { modelId });
    expect(await endOf(strangers, 20_000)).toEqual({});
    expect(strangers.results).toEqual([
      { data: null, errors: [expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })] },
    ]);
  });

  it('answers an anonymous subscription with UNAUTHENTICATED and no event', async () => {
    const modelId = await deployedModel('anonymous-metrics');
    const anonymous = observe<MetricsUpdated>(socket(gateways[1]), METRICS_UPDATED, { modelId });
    expect(await endOf(anonymous, 20_000)).toEqual({});
    expect(anonymous.results).toEqual([
      { data: null, errors: [expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } })] },
    ]);
  });
});

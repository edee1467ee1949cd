import Redis from 'ioredis';
import { RedisEventStream } from '../../lib/stream/redis-event-stream';
import {
  PREDICTION_STREAM,
  type PredictionEvent,
} from '../../subgraphs/inference/prediction/prediction-events';
import { eventually } from '../support/eventually';
import { TEST_REDIS_URL } from '../support/redis';
import { RegisterDocument } from '../__generated__/operations';
import { sklearnModelFixture, type SklearnModelFixture } from '../fixtures/onnx/sklearn-models';
import { bearer, execute, graphql } from '../support/graphql-client';
import { inferenceClient } from '../support/inference-client';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';

const forest = sklearnModelFixture('random_forest_zipmap.onnx');
const logistic = sklearnModelFixture('logistic_regression_zipmap.onnx');

/**
 * Inference as it runs in production: two inference processes behind two gateways (each gateway talks to one of
 * them), on PostgreSQL, Redis and S3. A deployment made through one gateway serves through both.
 */
describe('inference on the production topology (two inference replicas)', () => {
  let platform: ProductionTopology;
  /** Gateway 0 talks to inference replica 0, gateway 1 to replica 1. */
  let gateways: string[];
  let token: string;

  let client: ReturnType<typeof inferenceClient>;
  /** A user of another organization. */
  let outsider: string;

  const register = async (email: string) => {
    const result = await execute(platform.gatewayUrl, RegisterDocument, {
      input: { email, password: 'correct horse battery', displayName: 'e2e', organizationName: email },
    });
    return result.data!.register.accessToken;
  };
  const createModel = (name: string) => client.createModel(gateways[0], name);
  const uploadVersion = async (modelId: string, fixture: SklearnModelFixture) =>
    (await client.uploadVersion(gateways[0], modelId, fixture.bytes, { inputSchema: fixture.features })).id;
  const deploy = (gateway: string, modelId: string, versionId: string) =>
    client.deploy(gateway, modelId, versionId);
  const predict = (gateway: string, modelId: string, row: (number | string)[], as = token) =>
    inferenceClient(as).predict(gateway, modelId, row);

  beforeAll(async () => {
    platform = await startProductionTopology({ replicas: { inference: 2 } });
    gateways = [platform.gatewayUrl, await platform.startGateway({ inference: 1 })];
    token = await register('ada@example.com');
    client = inferenceClient(token);
    outsider = await register('mallory@example.com');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('deploys through one gateway and predicts through both replicas as scikit-learn does', async () => {
    const modelId = await createModel('iris-forest');
    const versionId = await uploadVersion(modelId, forest);
    expect(await deploy(gateways[0], modelId, versionId)).toMatchObject({ status: 'READY', error: null });

    for (const gateway of gateways) {
      for (const [r, row] of forest.rows.slice(0, 8).entries()) {
        const { data, errors } = await predict(gateway, modelId, row);
        expect(errors).toBeUndefined();
        expect(data!.predict.label).toBe(forest.label![r]);
        expect(data!.predict.modelVersion.id).toBe(versionId);
        const probabilities = data!.predict.probabilities.map((p) => p.probability);
        probabilities.forEach((p, c) => expect(p).toBeCloseTo(forest.probabilities![r][c], 5));
      }
    }
  });

  it('keeps another organization away from the model and its deployment on every replica', async () => {
    const modelId = await createModel('private-forest');
    const versionId = await uploadVersion(modelId, forest);
    const { id: deploymentId } = await deploy(gateways[0], modelId, versionId);
    const stranger = await register('eve@example.com');

    for (const gateway of gateways) {
      // Another organization's model is answered as a model that exists nowhere.
      const predicted = await predict(gateway, modelId, forest.rows[0], stranger);
      expect(predicted.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const deployed = await graphql(
        gateway,
        'mutation ($modelId: ID!) { deployModel(modelId: $modelId) { id } }',
        { modelId },
        bearer(stranger),
      );
      expect(deployed.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const read = await graphql(
        gateway,
        'query ($id: ID!) { deployment(id: $id) { id } }',
        { id: deploymentId },
        bearer(stranger),
      );
      expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      const stopped = await graphql(
        gateway,
        'mutation ($id: ID!) { undeployModel(deploymentId: $id) { id } }',
        { id: deploymentId },
        bearer(stranger),
      );
      expect(stopped.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('redeploys another version under load through both replicas without one failed prediction', async () => {
    const modelId = await createModel('iris-redeployed');
    const first = await uploadVersion(modelId, forest);
    const second = await uploadVersion(modelId, logistic);
    await deploy(gateways[0], modelId, first);

    const answers: { version: string; label: string; row: number }[] = [];
    const failures: string[] = [];
    let loading = true;
    const load = async (gateway: string) => {
      for (let i = 0; loading || i < 5; i++) {
        const row = i % forest.rows.length;
        const { data, errors } = await predict(gateway, modelId, forest.rows[row]);
        if (errors) failures.push(errors[0].message);
        else answers.push({ version: data!.predict.modelVersion.id, label: data!.predict.label, row });
      }
    };
    const clients = gateways.flatMap((gateway) => [load(gateway), load(gateway)]);
    const redeployed = await deploy(gateways[1], modelId, second);
    loading = false;
    await Promise.all(clients);

    expect(redeployed.status).toBe('READY');
    expect(failures).toEqual([]);
    // Every answer is the one its version gives, and both versions answered: the switch happened under load.
    for (const answer of answers) {
      const expected = answer.version === first ? forest.label! : logistic.label!;
      expect(answer.label).toBe(expected[answer.row]);
    }
    expect(new Set(answers.map((a) => a.version))).toEqual(new Set([first, second]));
    // Once the deploy returned, the new version answers on the replica that made it, and on the other one as soon
    // as the deployment event reaches it (milliseconds).
    const { data } = await predict(gateways[1], modelId, forest.rows[0]);
    expect(data!.predict.modelVersion.id).toBe(second);
    await eventually(async () => {
      const other = await predict(gateways[0], modelId, forest.rows[0]);
      expect(other.data!.predict.modelVersion.id).toBe(second);
    });
  });

  it('shares one prediction cache and one event stream between the replicas', async () => {
    const modelId = await createModel('iris-cached');
    const versionId = await uploadVersion(modelId, forest);
    const { id: deploymentId } = await deploy(gateways[0], modelId, versionId);
    const row = [5.1, 3.3, 1.7, 0.5];

    const computed = await predict(gateways[0], modelId, row);
    expect(computed.data!.predict).toMatchObject({ cacheHit: false, cachedIn: null });
    // The other replica has never seen the row: Redis answers it, then its own memory.
    const shared = await predict(gateways[1], modelId, row);
    expect(shared.data!.predict).toMatchObject({ cacheHit: true, cachedIn: 'REDIS' });
    expect(shared.data!.predict.label).toBe(computed.data!.predict.label);
    const local = await predict(gateways[1], modelId, row);
    expect(local.data!.predict).toMatchObject({ cacheHit: true, cachedIn: 'MEMORY' });

    const redis = new Redis(TEST_REDIS_URL);
    try {
      const stream = new RedisEventStream(redis, { keyPrefix: `${platform.env.REDIS_KEY_PREFIX}stream:` });
      await eventually(async () => {
        const events = (await stream.range<PredictionEvent>(PREDICTION_STREAM, { count: 10_000 }))
          .map((entry) => entry.event)
          .filter((event) => event.modelId === modelId);
        expect(events.map((event) => event.cachedIn)).toEqual([null, 'REDIS', 'MEMORY']);
        for (const event of events) {
          expect(event).toMatchObject({
            versionId,
            deploymentId,
            features: { sepal_length: 5.1, sepal_width: 3.3, petal_length: 1.7, petal_width: 0.5 },
            output: { label: computed.data!.predict.label },
            error: null,
          });
        }
      });
    } finally {
      redis.disconnect();
    }
  });

  it('serves the Open Inference Protocol through both gateways, as GraphQL predicts', async () => {
    const modelId = await createModel('iris-oip');
    await deploy(gateways[0], modelId, await uploadVersion(modelId, forest));
    const rows = forest.rows.slice(0, 3).map((row) => row.map(Number));
    const body = {
      inputs: [{ name: 'input', shape: [rows.length, 4], datatype: 'FP32', data: rows.flat() }],
    };
    for (const gateway of gateways) {
      const origin = new URL(gateway).origin;
      const response = await fetch(`${origin}/v2/models/iris-oip/infer`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as {
        model_version: string;
        outputs: { name: string; data: unknown[] }[];
      };
      expect(answer.model_version).toBe('1');
      expect(answer.outputs.find((output) => output.name === 'label')!.data).toEqual(
        forest.label!.slice(0, 3),
      );
      const anonymous = await fetch(`${origin}/v2/models/iris-oip/ready`);
      expect(anonymous.status).toBe(401);
      const stranger = await fetch(`${origin}/v2/models/iris-oip/ready`, { headers: bearer(outsider) });
      expect(stranger.status).toBe(404);
    }
  });
});

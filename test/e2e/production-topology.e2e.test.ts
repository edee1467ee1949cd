import {
  CreateModelDocument,
  ModelsWithOwnersDocument,
  RefreshTokenDocument,
  RegisterDocument,
  SystemHealthDocument,
} from '../__generated__/operations';
import { bearer, execute, graphql } from '../support/graphql-client';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createHash } from 'node:crypto';
import { findFreePort } from '../../lib/process';
import { logisticRegressionOnnx } from '../fixtures/onnx/sklearn';
import { spawnService, waitForReady } from '../support/processes';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';
import { metricsUrlOf, scrapeMetrics } from '../support/metrics';

describe('the production topology (one process per service on PostgreSQL, Redis and S3)', () => {
  let platform: ProductionTopology;
  let token: string;

  const register = async (email: string, organizationName: string) => {
    const result = await execute(platform.gatewayUrl, RegisterDocument, {
      input: { email, password: 'correct horse battery', displayName: email.split('@')[0], organizationName },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.register;
  };

  beforeAll(async () => {
    platform = await startProductionTopology();
    token = (await register('ada@example.com', 'Analytical Engines')).accessToken;
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('resolves a model with its owner, organization, deployment and drift policy across four subgraphs', async () => {
    const created = await execute(
      platform.gatewayUrl,
      CreateModelDocument,
      { input: { name: 'churn', framework: 'SKLEARN', taskType: 'CLASSIFICATION', tags: ['tabular'] } },
      bearer(token),
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createModel.lifecycle).toBe('DEVELOPMENT');

    const result = await execute(platform.gatewayUrl, ModelsWithOwnersDocument, { first: 10 }, bearer(token));
    expect(result.errors).toBeUndefined();
    expect(result.data!.models.totalCount).toBe(1);
    expect(result.data!.models.edges[0].node).toEqual({
      name: 'churn',
      owner: { email: 'ada@example.com', displayName: 'ada' },
      organization: { name: 'Analytical Engines', plan: { name: 'free', requestsPerHour: 50 } },
      deployment: null,
      driftPolicy: { windowSize: 500, psiThreshold: 0.2 },
    });
  });

  it('keeps every organization to its own models', async () => {
    const other = await register('grace@example.com', 'Compilers Inc');
    const mine = await execute(
      platform.gatewayUrl,
      CreateModelDocument,
      { input: { name: 'secret-model', framework: 'ONNX', taskType: 'REGRESSION' } },
      bearer(token),
    );
    const theirs = await graphql<{ model: unknown; models: { totalCount: number } }>(
      platform.gatewayUrl,
      'query($id: ID!) { model(id: $id) { id name } models { totalCount } }',
      { id: mine.data!.createModel.id },
      bearer(other.accessToken),
    );
    expect(theirs.data?.model ?? null).toBeNull();
    expect(theirs.data?.models.totalCount).toBe(0);
  });

  it('rotates refresh tokens through the gateway', async () => {
    const user = await register('linus@example.com', 'Kernels');
    const first = await execute(platform.gatewayUrl, RefreshTokenDocument, {
      refreshToken: user.refreshToken,
    });
    expect(first.errors).toBeUndefined();
    const reused = await execute(platform.gatewayUrl, RefreshTokenDocument, {
      refreshToken: user.refreshToken,
    });
    expect(reused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad requests with stable codes and no stack traces', async () => {
    const malformed = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(
      ((await malformed.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    ).toBe('BAD_REQUEST');

    const unknownField = await graphql(platform.gatewayUrl, '{ me { id shoeSize } }', {}, bearer(token));
    expect(unknownField.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const wrongType = await graphql(
      platform.gatewayUrl,
      'query($id: ID!) { model(id: $id) { id } }',
      { id: { x: 1 } },
      bearer(token),
    );
    expect(wrongType.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const anonymous = await graphql(platform.gatewayUrl, '{ models { totalCount } }');
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const forged = await graphql(
      platform.gatewayUrl,
      '{ me { id } }',
      {},
      bearer(`${token.slice(0, -4)}abcd`),
    );
    expect(forged.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const duplicate = await execute(
      platform.gatewayUrl,
      CreateModelDocument,
      { input: { name: 'churn', framework: 'SKLEARN', taskType: 'CLASSIFICATION' } },
      bearer(token),
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');

    for (const result of [unknownField, wrongType, anonymous, forged, duplicate]) {
      for (const error of result.errors ?? []) expect(error.extensions).not.toHaveProperty('stacktrace');
    }
  });

  it('reports every service healthy, and exposes Prometheus metrics', async () => {
    const health = await execute(platform.gatewayUrl, SystemHealthDocument, {}, bearer(token));
    expect(health.data?.systemHealth.status).toBe('UP');
    expect(health.data?.systemHealth.services.map((s) => s.name).sort()).toEqual([
      'identity',
      'inference',
      'observability',
      'registry',
    ]);
    expect(await scrapeMetrics(platform.gatewayUrl)).toContain('mlaas_http_requests_total');
    expect((await fetch(metricsUrlOf(platform.gatewayUrl))).status).toBe(401);
  });

  it('scales out: a second gateway replica serves the same callers and data, keeping no state of its own', async () => {
    const port = await findFreePort();
    const replica = spawnService('gateway-2', 'gateway/main.js', {
      ...platform.env,
      GATEWAY_PORT: String(port),
    });
    try {
      await waitForReady(`http://127.0.0.1:${port}/health/ready`, replica);
      const result = await execute(
        `http://127.0.0.1:${port}/graphql`,
        ModelsWithOwnersDocument,
        {},
        bearer(token),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.models.edges.map((e) => e.node.owner.email)).toContain('ada@example.com');
    } finally {
      await replica.stop();
    }
  });

  it('takes a model version from upload to PRODUCTION through the gateway, its file in S3', async () => {
    const model = await graphql<{ createModel: { id: string } }>(
      platform.gatewayUrl,
      'mutation { createModel(input: { name: "iris-lr", framework: SKLEARN, taskType: CLASSIFICATION }) { id } }',
      {},
      bearer(token),
    );
    const created = await graphql<{ createModelVersion: { uploadUrl: string; version: { id: string } } }>(
      platform.gatewayUrl,
      `
        mutation ($modelId: ID!) {
          createModelVersion(
            modelId: $modelId
            input: {
              format: ONNX
              inputSchema: [
                { name: "a", type: NUMBER }
                { name: "b", type: NUMBER }
                { name: "c", type: NUMBER }
                { name: "d", type: NUMBER }
              ]
            }
          ) {
            uploadUrl
            version {
              id
            }
          }
        }
      `,
      { modelId: model.data!.createModel.id },
      bearer(token),
    );
    expect(created.errors).toBeUndefined();
    const file = logisticRegressionOnnx({ features: 4, labels: ['setosa', 'versicolor', 'virginica'] });
    const put = await fetch(created.data!.createModelVersion.uploadUrl, { method: 'PUT', body: file });
    expect(put.ok).toBe(true);
    const versionId = created.data!.createModelVersion.version.id;
    const completed = await graphql<{
      completeModelVersionUpload: { status: string; outputLabels: string[] };
    }>(
      platform.gatewayUrl,
      'mutation ($id: ID!) { completeModelVersionUpload(versionId: $id) { status outputLabels } }',
      { id: versionId },
      bearer(token),
    );
    expect(completed.data?.completeModelVersionUpload).toEqual({
      status: 'READY',
      outputLabels: ['setosa', 'versicolor', 'virginica'],
    });
    await graphql(
      platform.gatewayUrl,
      'mutation ($id: ID!) { transitionModelVersionStage(versionId: $id, stage: PRODUCTION) { stage } }',
      { id: versionId },
      bearer(token),
    );
    const production = await graphql<{
      modelByName: {
        lifecycle: string;
        productionVersion: { version: number; artifact: { sha256: string; downloadUrl: string } };
      };
    }>(
      platform.gatewayUrl,
      '{ modelByName(name: "iris-lr") { lifecycle productionVersion { version artifact { sha256 downloadUrl } } } }',
      {},
      bearer(token),
    );
    const { lifecycle, productionVersion } = production.data!.modelByName;
    expect(lifecycle).toBe('PRODUCTION');
    expect(productionVersion.version).toBe(1);
    expect(productionVersion.artifact.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const downloaded = Buffer.from(await (await fetch(productionVersion.artifact.downloadUrl)).arrayBuffer());
    expect(downloaded.equals(file)).toBe(true);
  });

  it('serves queries over graphql-ws as over HTTP, authenticated by connectionParams', async () => {
    const client = createClient({
      url: platform.gatewayUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const results = [];
      for await (const result of client.iterate({ query: '{ me { email } models { totalCount } }' })) {
        results.push(result);
      }
      expect(results).toEqual([{ data: { me: { email: 'ada@example.com' }, models: { totalCount: 3 } } }]);
    } finally {
      await client.dispose();
    }
  });

  // Last: it stops the registry.
  it('answers a failure nobody expected with INTERNAL_SERVER_ERROR, without a stack trace or internal address', async () => {
    await platform.processes.find((p) => p.name === 'registry')!.stop();
    const result = await graphql(platform.gatewayUrl, '{ models { totalCount } }', {}, bearer(token));
    expect(result.errors?.length).toBeGreaterThan(0);
    for (const error of result.errors!) {
      expect(error.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.extensions).not.toHaveProperty('stacktrace');
      expect(JSON.stringify(error)).not.toContain('127.0.0.1');
    }
  });
});

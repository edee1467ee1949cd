import { createClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { AUDIT_STREAM } from '../../lib/stream/audit-stream';
import { sklearnModelFixture } from '../fixtures/onnx/sklearn-models';
import { eventually } from '../support/eventually';
import { bearer, graphql, type GraphQLResult } from '../support/graphql-client';
import { startProductionTopology, type ProductionTopology } from '../support/production-topology';

const logistic = sklearnModelFixture('logistic_regression_zipmap.onnx');
const AUTH = 'accessToken refreshToken user { id }';
const AUDIT_LOG = `query ($filter: AuditFilter, $first: Int) {
  auditLog(filter: $filter, first: $first) {
    edges { node { actor { id email } actorId operation subgraph targetIds outcome errorCode requestId clientAddress } } } }`;

interface AuthView {
  accessToken: string;
  refreshToken: string;
  user: { id: string };
}

interface AuditNode {
  actor: { id: string; email: string } | null;
  actorId: string | null;
  operation: string;
  subgraph: string;
  targetIds: string[];
  outcome: string;
  errorCode: string | null;
  requestId: string;
  clientAddress: string | null;
}

/**
 * Mutations of three subgraphs through the gateway, each with a request id of its own and a forged
 * X-Forwarded-For the gateway must not believe (TRUSTED_PROXY_HOPS is 0), then `auditLog` and the stored rows.
 */
describe(`the audit log through the gateway (production topology, "${AUDIT_STREAM}" stream on Redis)`, () => {
  let platform: ProductionTopology;
  /** Every string the mutations sent or received that must never be stored. */
  const secrets: string[] = ['correct horse battery staple', 'another horse battery staple'];
  let requestNumber = 0;
  const requestIds: Record<string, string> = {};

  const call = async <T>(
    label: string,
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResult<T>> => {
    const requestId = `audit-e2e-${label}-${(requestNumber += 1)}`;
    requestIds[label] = requestId;
    return graphql<T>(platform.gatewayUrl, query, variables, {
      'x-request-id': requestId,
      'x-forwarded-for': '198.51.100.66',
      ...(token ? bearer(token) : {}),
    });
  };

  const auditLog = async (token: string, filter: Record<string, unknown> = {}) => {
    const result = await graphql<{ auditLog: { edges: { node: AuditNode }[] } }>(
      platform.gatewayUrl,
      AUDIT_LOG,
      { filter, first: 100 },
      bearer(token),
    );
    expect(result.errors).toBeUndefined();
    return result.data!.auditLog.edges.map((edge) => edge.node);
  };

  let owner: AuthView;
  let modelId: string;
  let datasetId: string;
  let versionId: string;
  let mutationCount = 0;

  const mutate = async <T>(
    label: string,
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ) => {
    mutationCount += 1;
    return call<T>(label, query, variables, token);
  };

  beforeAll(async () => {
    platform = await startProductionTopology();
    const registered = await mutate<{ register: AuthView }>(
      'register',
      `mutation ($i: RegisterInput!) { register(input: $i) { ${AUTH} } }`,
      {
        i: {
          email: 'ada@example.com',
          password: secrets[0],
          displayName: 'Ada',
          organizationName: 'Engines',
        },
      },
    );
    owner = registered.data!.register;
    const loggedIn = await mutate<{ login: AuthView }>(
      'login',
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { ${AUTH} } }`,
      { e: 'ada@example.com', p: secrets[0] },
    );
    const wrongPassword = await mutate(
      'loginFailed',
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      {
        e: 'ada@example.com',
        p: secrets[1],
      },
    );
    expect(wrongPassword.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refreshed = await mutate<{ refreshToken: AuthView }>(
      'refreshToken',
      `mutation ($t: String!) { refreshToken(refreshToken: $t) { ${AUTH} } }`,
      { t: loggedIn.data!.login.refreshToken },
    );
    for (const auth of [owner, loggedIn.data!.login, refreshed.data!.refreshToken])
      secrets.push(auth.accessToken, auth.refreshToken);

    const created = await mutate<{ createModel: { id: string } }>(
      'createModel',
      'mutation ($i: CreateModelInput!) { createModel(input: $i) { id } }',
      { i: { name: 'churn', framework: 'ONNX', taskType: 'CLASSIFICATION' } },
      owner.accessToken,
    );
    modelId = created.data!.createModel.id;

    const dataset = await mutate<{ createDataset: { uploadUrl: string; dataset: { id: string } } }>(
      'createDataset',
      'mutation ($i: CreateDatasetInput!) { createDataset(input: $i) { uploadUrl dataset { id } } }',
      { i: { name: 'customers' } },
      owner.accessToken,
    );
    const { uploadUrl: datasetUrl, dataset: createdDataset } = dataset.data!.createDataset;
    datasetId = createdDataset.id;
    secrets.push(datasetUrl, new URL(datasetUrl).search.slice(1));
    expect((await fetch(datasetUrl, { method: 'PUT', body: 'x,y\r\n1,2\r\n' })).status).toBe(200);
    await mutate(
      'completeDatasetUpload',
      'mutation ($d: ID!) { completeDatasetUpload(datasetId: $d) { id } }',
      { d: datasetId },
      owner.accessToken,
    );

    const version = await mutate<{ createModelVersion: { uploadUrl: string; version: { id: string } } }>(
      'createModelVersion',
      `mutation ($m: ID!, $i: CreateModelVersionInput!) {
        createModelVersion(modelId: $m, input: $i) { uploadUrl version { id } } }`,
      { m: modelId, i: { format: 'ONNX', inputSchema: logistic.features } },
      owner.accessToken,
    );
    const { uploadUrl: versionUrl, version: createdVersion } = version.data!.createModelVersion;
    versionId = createdVersion.id;
    secrets.push(versionUrl, new URL(versionUrl).search.slice(1));
    expect((await fetch(versionUrl, { method: 'PUT', body: logistic.bytes })).status).toBe(200);
    await mutate(
      'completeModelVersionUpload',
      'mutation ($v: ID!) { completeModelVersionUpload(versionId: $v) { id } }',
      { v: versionId },
      owner.accessToken,
    );
    const deployed = await mutate<{ deployModel: { id: string } }>(
      'deployModel',
      'mutation ($m: ID!) { deployModel(modelId: $m) { id } }',
      { m: modelId },
      owner.accessToken,
    );
    expect(deployed.errors).toBeUndefined();
    const organization = await mutate<{ createOrganization: { id: string } }>(
      'createOrganization',
      'mutation { createOrganization(name: "Second") { id } }',
      {},
      owner.accessToken,
    );
    expect(organization.errors).toBeUndefined();
    const missing = await mutate(
      'deleteModel',
      'mutation { deleteModel(id: "00000000-0000-4000-8000-000000000000") }',
      {},
      owner.accessToken,
    );
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it('shows the mutations of identity, registry and inference with their request id and the real client address', async () => {
    let events: AuditNode[] = [];
    await eventually(async () => {
      events = await auditLog(owner.accessToken);
      expect(events.map((e) => e.operation)).toContain('deleteModel');
    }, 15_000);
    const byOperation = (operation: string) => events.find((e) => e.operation === operation)!;
    expect(byOperation('createModel')).toEqual({
      actor: { id: owner.user.id, email: 'ada@example.com' },
      actorId: owner.user.id,
      operation: 'createModel',
      subgraph: 'registry',
      targetIds: [modelId],
      outcome: 'OK',
      errorCode: null,
      requestId: requestIds.createModel,
      clientAddress: '127.0.0.1',
    });
    expect(byOperation('createDataset').targetIds).toEqual([datasetId]);
    expect(byOperation('createModelVersion').targetIds).toEqual([modelId, versionId]);
    expect(byOperation('deployModel')).toMatchObject({
      subgraph: 'inference',
      requestId: requestIds.deployModel,
    });
    expect(byOperation('deployModel').targetIds).toContain(modelId);
    expect(byOperation('createOrganization')).toMatchObject({ subgraph: 'identity', outcome: 'OK' });
    expect(byOperation('deleteModel')).toMatchObject({
      outcome: 'ERROR',
      errorCode: 'NOT_FOUND',
      targetIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(events.every((e) => e.clientAddress === '127.0.0.1')).toBe(true);
    expect(await auditLog(owner.accessToken, { targetId: versionId })).toHaveLength(2);
  });

  it('stores no password, token or presigned URL, in any row', async () => {
    const client = new Client({ connectionString: platform.env.DATABASE_URL });
    await client.connect();
    try {
      const count = async () =>
        Number((await client.query('select count(*) from observability.audit_events')).rows[0].count);
      // The sign-ins have no organization, so auditLog does not show them: wait for every row instead.
      await eventually(async () => expect(await count()).toBe(mutationCount), 15_000);
      const events = await client.query('select * from observability.audit_events');
      const targets = await client.query('select * from observability.audit_event_targets');
      const stored = JSON.stringify([events.rows, targets.rows]);
      expect(stored).toContain(modelId);
      expect(secrets.length).toBeGreaterThanOrEqual(12);
      for (const secret of secrets) expect(stored).not.toContain(secret);
      const signIns = events.rows.filter((row) =>
        ['register', 'login', 'refreshToken'].includes(row.operation),
      );
      expect(signIns.map((row) => [row.operation, row.outcome, row.actor_id])).toEqual(
        expect.arrayContaining([
          ['register', 'OK', owner.user.id],
          ['login', 'OK', owner.user.id],
          ['login', 'ERROR', null],
          ['refreshToken', 'OK', owner.user.id],
        ]),
      );
    } finally {
      await client.end();
    }
  });

  it('audits a mutation sent over the gateway’s WebSocket with its request id and client address', async () => {
    const client = createClient({
      url: platform.gatewayUrl.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${owner.accessToken}` },
      retryAttempts: 0,
    });
    const results: unknown[] = [];
    try {
      for await (const result of client.iterate({
        query:
          'mutation { createModel(input: { name: "over-ws", framework: ONNX, taskType: REGRESSION }) { id } }',
        extensions: { 'x-request-id': 'audit-e2e-websocket' },
      }))
        results.push(result);
    } finally {
      await client.dispose();
    }
    const id = (results[0] as { data: { createModel: { id: string } } }).data.createModel.id;
    await eventually(async () => {
      const events = await auditLog(owner.accessToken, { operation: 'createModel', targetId: id });
      expect(events).toEqual([
        expect.objectContaining({
          requestId: 'audit-e2e-websocket',
          clientAddress: '127.0.0.1',
          targetIds: [id],
        }),
      ]);
    }, 15_000);
  });
});

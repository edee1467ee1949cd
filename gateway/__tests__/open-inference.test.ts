import { createServer } from 'node:net';
import { createLogger } from '../../lib/logger';
import { createServiceMetrics } from '../../lib/metrics';
import { closeServer, createHttpServer, listen } from '../../lib/server/http-server';
import { startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';
import { oip } from '../../test/support/oip-client';
import { createJwksAuthenticator } from '../auth/jwks-authenticator';
import { createOpenInferenceRoutes } from '../open-inference';

/** A port nothing listens on: taken, then freed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('Open Inference Protocol routes of the gateway', () => {
  let graph: FixtureGraph;
  let origin: string;
  const orgs = [{ id: 'org-1', role: 'OWNER' }];

  beforeAll(async () => {
    graph = await startFixtureGraph();
    origin = new URL(graph.gateway.url).origin;
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('answers model endpoints only with credentials, and 404 without an inference subgraph', async () => {
    expect(await oip(origin, 'GET', '/v2/models/iris')).toMatchObject({
      status: 401,
      body: { error: 'Authentication required' },
    });
    const token = await graph.issuer.issue({ sub: 'user-1', orgs });
    const expired = await graph.issuer.issue({ sub: 'user-1', orgs }, { expiresIn: -60 });
    expect(
      await oip(origin, 'GET', '/v2/models/iris', { headers: { authorization: `Bearer ${expired}` } }),
    ).toMatchObject({ status: 401 });
    expect(
      await oip(origin, 'GET', '/v2/models/iris', { headers: { authorization: `Bearer ${token}` } }),
    ).toMatchObject({ status: 404, body: { error: 'This gateway serves no inference subgraph' } });
  });

  it('is live while the process runs, and ready only while every subgraph is', async () => {
    expect(await oip(origin, 'GET', '/v2/health/live')).toMatchObject({ status: 200, body: { live: true } });
    expect(await oip(origin, 'GET', '/v2/health/ready')).toMatchObject({
      status: 200,
      body: { ready: true },
    });
    await graph.jobsServer.stop();
    expect(await oip(origin, 'GET', '/v2/health/ready')).toMatchObject({
      status: 503,
      body: { ready: false, error: 'not ready: subgraph:jobs' },
    });
    expect(await oip(origin, 'GET', '/v2/health/live')).toMatchObject({ status: 200 });
  });

  it('answers 503 when the inference subgraph does not answer', async () => {
    const logger = createLogger('oip-test', 'silent');
    const server = createHttpServer({
      logger,
      metrics: createServiceMetrics('oip-test'),
      readiness: {},
      routes: createOpenInferenceRoutes({
        authenticator: createJwksAuthenticator({ jwksUrl: graph.issuer.jwksUrl }),
        inferenceUrl: `http://127.0.0.1:${await closedPort()}/graphql`,
        internalSecret: 'x'.repeat(32),
        logger,
        maxRequestBytes: 1_000,
        timeoutMs: 2_000,
        readiness: {},
      }),
    });
    const port = await listen(server, 0, '127.0.0.1');
    try {
      const token = await graph.issuer.issue({ sub: 'user-1', orgs });
      const answer = await oip(`http://127.0.0.1:${port}`, 'POST', '/v2/models/iris/infer', {
        headers: { authorization: `Bearer ${token}` },
        body: { inputs: [] },
      });
      expect(answer).toMatchObject({
        status: 503,
        body: { error: 'The inference service is unavailable; retry later' },
      });
    } finally {
      await closeServer(server);
    }
  });
});

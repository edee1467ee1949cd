import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postGraphQL } from '../../test/support/gateway/clients';
import { captureLogs, startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

const INTERNAL = { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };

/** Accepts connections and requests, and never answers one. */
async function startSilentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('when a subgraph fetch fails', () => {
  let graph: FixtureGraph | undefined;
  let silent: Awaited<ReturnType<typeof startSilentServer>> | undefined;

  afterEach(async () => {
    await graph?.stop();
    await silent?.close();
    graph = undefined;
    silent = undefined;
  });

  it("answers a subgraph's refusal with INTERNAL_SERVER_ERROR, logging its details with the request id", async () => {
    const logs = captureLogs();
    // The subgraphs refuse a caller signed with another secret: HTTP 401 with a body naming the subgraph.
    graph = await startFixtureGraph({
      gatewayInternalSecret: randomBytes(32).toString('hex'),
      logger: logs.logger,
    });

    const response = await postGraphQL(
      graph.gateway.url,
      { query: '{ job(id: "job-1") { status } }' },
      { 'x-request-id': 'req-refused' },
    );

    expect(response.body.errors).toEqual([INTERNAL]);
    expect(JSON.stringify(response.body)).not.toMatch(/127\.0\.0\.1|Unauthenticated|401/);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'subgraph fetch failed',
        requestId: 'req-refused',
        subgraph: 'jobs',
        response: expect.objectContaining({
          status: 401,
          body: expect.stringContaining('Unauthenticated call to the jobs subgraph'),
        }),
      }),
    );
    expect(logs.lines.filter((line) => line.msg === 'unexpected error')).toEqual([]);
  });

  it('gives up on a subgraph that does not answer in time, with INTERNAL_SERVER_ERROR', async () => {
    const logs = captureLogs();
    silent = await startSilentServer();
    graph = await startFixtureGraph({
      subgraphUrls: { people: silent.url },
      subgraphTimeoutMs: 300,
      logger: logs.logger,
    });
    const started = Date.now();

    const response = await postGraphQL(
      graph.gateway.url,
      { query: '{ job(id: "job-1") { status owner { name } } }' },
      { 'x-request-id': 'req-silent' },
    );

    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.body).toEqual({ data: { job: { status: 'QUEUED', owner: null } }, errors: [INTERNAL] });
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'subgraph fetch failed',
        requestId: 'req-silent',
        subgraph: 'people',
        err: expect.objectContaining({ name: 'TimeoutError' }),
      }),
    );
    expect(logs.lines.filter((line) => line.msg === 'unexpected error')).toEqual([]);
  });
});

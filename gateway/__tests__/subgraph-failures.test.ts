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

/** Answers every request with this status, body and headers, as a subgraph that refuses it would. */
async function startRefusingServer(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    request.resume();
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain' : 'application/json';
    response.writeHead(status, { 'content-type': type, ...headers }).end(text);
  });
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

const OWNER_QUERY = { query: '{ job(id: "job-1") { status owner { name } } }' };

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

describe("a subgraph's refusal that the client's request caused", () => {
  let graph: FixtureGraph | undefined;
  let refusing: { close(): Promise<void> } | undefined;

  afterEach(async () => {
    await graph?.stop();
    await refusing?.close();
    graph = undefined;
    refusing = undefined;
  });

  async function withPeopleAnswering(status: number, body: unknown, headers?: Record<string, string>) {
    const logs = captureLogs();
    const server = await startRefusingServer(status, body, headers);
    refusing = server;
    graph = await startFixtureGraph({ subgraphUrls: { people: server.url }, logger: logs.logger });
    const response = await postGraphQL(graph.gateway.url, OWNER_QUERY);
    return { response, logs, subgraphUrl: server.url };
  }

  it("answers a subgraph's 413 as BAD_USER_INPUT: the operation made the gateway send it too much", async () => {
    const logs = captureLogs();
    // The fixture subgraphs accept bodies of up to 100,000 bytes; the gateway, here, ten times more.
    graph = await startFixtureGraph({ limits: { maxRequestBytes: 1_000_000 }, logger: logs.logger });

    const response = await postGraphQL(graph.gateway.url, {
      query: 'mutation ($note: JSON) { touchJob(id: "job-1", note: $note) { status } }',
      variables: { note: 'x'.repeat(150_000) },
    });

    expect(response.body.errors).toEqual([
      {
        message:
          'The operation makes the gateway send a service more than it accepts in one request; ask for less at once',
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    expect(logs.lines).toContainEqual(
      expect.objectContaining({
        msg: 'subgraph refused the request',
        subgraph: 'jobs',
        response: expect.objectContaining({ status: 413 }),
      }),
    );
    expect(logs.lines.filter((line) => line.msg === 'subgraph fetch failed')).toEqual([]);
  });

  it("answers a subgraph's 429 as RATE_LIMITED with its Retry-After", async () => {
    const { response } = await withPeopleAnswering(
      429,
      { errors: [{ message: 'slow down' }] },
      { 'retry-after': '7' },
    );

    expect(response.body.data).toEqual({ job: { status: 'QUEUED', owner: null } });
    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'Rate limit exceeded; retry in 7s',
        extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 7 },
      }),
    ]);
  });

  it("passes on a subgraph's 400 GraphQL error with its own code and details, not its internals", async () => {
    const refusal = {
      errors: [
        {
          message: 'first must be 1 to 100',
          extensions: {
            code: 'BAD_USER_INPUT',
            field: 'first',
            stacktrace: ['at /srv/people/resolvers.ts:12'],
          },
        },
      ],
    };

    const { response, subgraphUrl } = await withPeopleAnswering(400, refusal);

    expect(response.body.errors).toEqual([
      expect.objectContaining({
        message: 'first must be 1 to 100',
        extensions: { code: 'BAD_USER_INPUT', field: 'first' },
      }),
    ]);
    expect(JSON.stringify(response.body)).not.toContain(new URL(subgraphUrl).host);
  });

  it('keeps a 400 without a client error code, a 401 and a 5xx internal, without the subgraph address', async () => {
    for (const [status, body] of [
      [400, 'Bad Request'],
      [400, { errors: [{ message: 'Cannot query field "x" on type "Person".' }] }],
      [401, { errors: [{ message: 'Unauthenticated call', extensions: { code: 'UNAUTHENTICATED' } }] }],
      [503, 'Service Unavailable'],
    ] as const) {
      const { response, subgraphUrl, logs } = await withPeopleAnswering(status, body);

      expect(response.body).toEqual({ data: { job: { status: 'QUEUED', owner: null } }, errors: [INTERNAL] });
      expect(JSON.stringify(response.body)).not.toContain(new URL(subgraphUrl).host);
      expect(logs.lines).toContainEqual(
        expect.objectContaining({ msg: 'subgraph fetch failed', subgraph: 'people' }),
      );
      await graph?.stop();
      await refusing?.close();
      graph = undefined;
      refusing = undefined;
    }
  });
});

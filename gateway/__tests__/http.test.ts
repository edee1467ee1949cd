import { connect, executeOverSocket, observe, postGraphQL } from '../../test/support/gateway/clients';
import { startFixtureGraph, TEST_LIMITS, type FixtureGraph } from '../../test/support/harness/gateway';
import { metricsUrlOf, scrapeMetrics } from '../../test/support/metrics';

/** `{ job { owner { manager { manager … { name } } } } }` with `levels` levels of fields. */
function queryOfDepth(levels: number): string {
  let selection = 'name';
  for (let i = 0; i < levels - 3; i += 1) selection = `manager { ${selection} }`;
  return `query Deep { job(id: "job-1") { owner { ${selection} } } }`;
}

function aliasedFields(count: number): string {
  return Array.from({ length: count }, (_, i) => `a${i}: status`).join(' ');
}

describe('the gateway over HTTP', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    graph = await startFixtureGraph();
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('resolves a query across subgraphs', async () => {
    const response = await postGraphQL(graph.gateway.url, {
      query: 'query ($id: ID!) { job(id: $id) { id status owner { name manager { name } } } }',
      variables: { id: 'job-1' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: {
        job: {
          id: 'job-1',
          status: 'QUEUED',
          owner: { name: 'Owner of job-1', manager: { name: 'Manager of person-job-1' } },
        },
      },
    });
  });

  it("echoes the client's request id and carries it to every subgraph", async () => {
    const response = await postGraphQL(
      graph.gateway.url,
      { query: '{ job(id: "job-2") { owner { name } } }' },
      { 'x-request-id': 'req-http-1' },
    );

    expect(response.headers.get('x-request-id')).toBe('req-http-1');
    expect(graph.seen.filter((c) => c.requestId === 'req-http-1').map((c) => c.subgraph)).toEqual([
      'jobs',
      'people',
    ]);
  });

  it('replaces an unusable request id with a new one', async () => {
    const response = await postGraphQL(
      graph.gateway.url,
      { query: '{ __typename }' },
      { 'x-request-id': 'bad id\n' },
    );

    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  describe('limits', () => {
    it(`accepts a query ${TEST_LIMITS.maxDepth} levels deep`, async () => {
      const response = await postGraphQL(graph.gateway.url, { query: queryOfDepth(TEST_LIMITS.maxDepth) });

      expect(response.body.errors).toBeUndefined();
    });

    it('refuses a deeper query with GRAPHQL_VALIDATION_FAILED, over HTTP and WebSocket', async () => {
      const query = queryOfDepth(TEST_LIMITS.maxDepth + 1);
      const expected = {
        message: `Operation "Deep" is ${TEST_LIMITS.maxDepth + 1} levels deep; the maximum depth is ${TEST_LIMITS.maxDepth}`,
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      };

      const response = await postGraphQL(graph.gateway.url, { query });
      const socket = connect(graph.wsUrl);
      const overSocket = await executeOverSocket(socket, query).catch((error: unknown) => error);
      await socket.dispose();

      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([expect.objectContaining(expected)]);
      expect(overSocket).toEqual([expect.objectContaining(expected)]);
    });

    it('refuses more aliases than allowed, counting those in fragments', async () => {
      const direct = await postGraphQL(graph.gateway.url, {
        query: `query Aliased { job(id: "job-1") { ${aliasedFields(TEST_LIMITS.maxAliases + 1)} } }`,
      });
      const viaFragments = await postGraphQL(graph.gateway.url, {
        query: `query Spread { job(id: "j") { ...A ...A } } fragment A on Job { a1: status a2: status a3: status }`,
      });

      expect(direct.body.errors).toEqual([
        expect.objectContaining({
          message: `Operation "Aliased" uses ${TEST_LIMITS.maxAliases + 1} aliases; the maximum is ${TEST_LIMITS.maxAliases}`,
          extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
        }),
      ]);
      expect(viaFragments.body.errors?.[0].message).toBe(
        'Operation "Spread" uses 6 aliases; the maximum is 5',
      );
    });

    it('refuses a subscription over the limits before subscribing upstream', async () => {
      const socket = connect(graph.wsUrl);
      const observed = observe(
        socket,
        `subscription { jobUpdated(id: "x") { ${aliasedFields(TEST_LIMITS.maxAliases + 1)} } }`,
      );
      const { error } = await observed.ended;
      await socket.dispose();

      expect(error).toEqual([expect.objectContaining({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } })]);
      expect(graph.feed.subscriberCount()).toBe(0);
    });

    it('closes a WebSocket whose message is over the size limit with 1009', async () => {
      // graphql-ws reports the socket's error on the console; ws has closed the socket already.
      const consoleError = jest.spyOn(console, 'error').mockImplementation(() => {});
      const socket = connect(graph.wsUrl);
      const padding = 'x'.repeat(TEST_LIMITS.maxRequestBytes);

      const failure = await executeOverSocket(socket, `{ __typename } # ${padding}`).catch(
        (error: unknown) => error,
      );
      await socket.dispose();
      consoleError.mockRestore();

      expect(failure).toMatchObject({ code: 1009 });
    });

    it('refuses a body over the size limit with 413', async () => {
      const padding = 'x'.repeat(TEST_LIMITS.maxRequestBytes);
      const response = await postGraphQL(graph.gateway.url, { query: `{ __typename } # ${padding}` });

      expect(response.status).toBe(413);
      expect(response.body.errors?.[0].extensions).toEqual({ code: 'BAD_REQUEST' });
    });
  });

  it('answers malformed documents over WebSocket exactly as over HTTP', async () => {
    const requests = [
      { query: '{ job(id: "1") { ' },
      { query: 'query A { __typename } query B { __typename }' },
      { query: '{ __typename }', operationName: 'Missing' },
      { query: '{ nope }' },
      { query: queryOfDepth(TEST_LIMITS.maxDepth + 1) },
    ];
    const socket = connect(graph.wsUrl);
    const overSocket = await Promise.all(
      requests.map((request) => executeOverSocket(socket, request).catch((error: unknown) => error)),
    );
    await socket.dispose();
    const overHttp = await Promise.all(requests.map((request) => postGraphQL(graph.gateway.url, request)));

    expect(overHttp.map((response) => response.status)).toEqual([400, 400, 400, 400, 400]);
    expect(overSocket).toEqual(overHttp.map((response) => response.body.errors));
    expect(overSocket.map((errors) => (errors as { extensions: unknown }[])[0].extensions)).toEqual([
      { code: 'GRAPHQL_PARSE_FAILED' },
      { code: 'BAD_REQUEST' },
      { code: 'BAD_REQUEST' },
      { code: 'GRAPHQL_VALIDATION_FAILED' },
      { code: 'GRAPHQL_VALIDATION_FAILED' },
    ]);
    expect(overSocket[1]).toEqual([
      {
        message: 'Must provide operation name if query contains multiple operations',
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
  });

  it('points subscriptions sent over HTTP to WebSocket', async () => {
    const response = await postGraphQL(graph.gateway.url, {
      query: 'subscription { jobUpdated(id: "1") { id } }',
    });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      {
        message: 'Subscriptions are served over WebSocket (graphql-transport-ws) on this same URL',
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
  });

  it('answers GET queries only with a CSRF-safe header', async () => {
    const url = `${graph.gateway.url}?query=${encodeURIComponent('{ job(id: "g") { status } }')}`;

    const plain = await fetch(url);
    const preflighted = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });

    expect(plain.status).toBe(400);
    expect(preflighted.status).toBe(200);
    expect(await preflighted.json()).toEqual({ data: { job: { status: 'QUEUED' } } });
  });

  describe('malformed requests are client errors, never HTTP 5xx or INTERNAL_SERVER_ERROR', () => {
    const json = { 'content-type': 'application/json' };
    const preflight = { 'apollo-require-preflight': 'true' };
    const get = (query: string, extra = '') => ({
      method: 'GET',
      headers: preflight,
      search: `?query=${encodeURIComponent(query)}${extra}`,
    });
    const post = (body: string, headers: Record<string, string> = json) => ({
      method: 'POST',
      headers,
      body,
    });
    const cases: [
      string,
      { method: string; headers?: Record<string, string>; body?: string; search?: string },
    ][] = [
      ['malformed JSON', post('{"query":')],
      ['a text/plain body', post('{ __typename }', { 'content-type': 'text/plain' })],
      ['no content type', post('{"query":"{ __typename }"}', {})],
      ['a query that is not a string', post('{"query":{"a":1}}')],
      ['an operationName that is not a string', post('{"query":"{ __typename }","operationName":5}')],
      ['variables as a string', post('{"query":"{ __typename }","variables":"{}"}')],
      ['variables as an array', post('{"query":"{ __typename }","variables":[1]}')],
      ['extensions as a string', post('{"query":"{ __typename }","extensions":"x"}')],
      ['a persisted query that is a string', post('{"extensions":{"persistedQuery":"x"}}')],
      [
        'a persisted query hash that is a number',
        post('{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":5}}}'),
      ],
      [
        'a persisted query of another version',
        post(`{"extensions":{"persistedQuery":{"version":2,"sha256Hash":"${'a'.repeat(64)}"}}}`),
      ],
      [
        'a persisted query hash that does not match',
        post(
          `{"query":"{ __typename }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"${'a'.repeat(64)}"}}}`,
        ),
      ],
      ['a JSON null body', post('null')],
      ['a JSON number body', post('5')],
      ['a batch', post('[{"query":"{ __typename }"}]')],
      ['an empty body', post('')],
      ['a GET mutation', get('mutation { touchJob(id: "1") { id } }')],
      ['a GET without a query', { method: 'GET', headers: preflight, search: '?x=1' }],
      ['GET variables that are not JSON', get('{ __typename }', '&variables=%7B')],
      [
        'GET variables nested too deep',
        get('{ __typename }', `&variables=${encodeURIComponent(`{"a":${'['.repeat(40)}${']'.repeat(40)}}`)}`),
      ],
      ['PUT', { method: 'PUT', headers: json, body: '{"query":"{ __typename }"}' }],
      [
        'an unknown operation name of 15,000 characters',
        post(JSON.stringify({ query: '{ __typename }', operationName: 'A'.repeat(15_000) })),
      ],
    ];

    it.each(cases)('answers %s with a 4xx and a client error code', async (_name, request) => {
      const response = await fetch(`${graph.gateway.url}${request.search ?? ''}`, request);
      const text = await response.text();
      const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(body.errors?.length).toBeGreaterThan(0);
      for (const error of body.errors ?? []) {
        expect([
          'BAD_REQUEST',
          'BAD_USER_INPUT',
          'GRAPHQL_PARSE_FAILED',
          'PERSISTED_QUERY_NOT_FOUND',
        ]).toContain(error.extensions?.code);
      }
      expect(text.length).toBeLessThan(2_000);
    });
  });

  it('serves Prometheus metrics to a caller with the metrics token', async () => {
    expect(await scrapeMetrics(graph.gateway.url)).toContain('mlaas_graphql_operations_total{type="query"');
  });

  it('refuses /metrics without the metrics token, or with another', async () => {
    const metricsUrl = metricsUrlOf(graph.gateway.url);
    const anonymous = await fetch(metricsUrl);
    const wrong = await fetch(metricsUrl, { headers: { authorization: 'Bearer not-the-metrics-token' } });
    const userToken = await graph.issuer.issue({ sub: 'user-1', orgs: [{ id: 'org-1', role: 'OWNER' }] });
    const user = await fetch(metricsUrl, { headers: { authorization: `Bearer ${userToken}` } });

    expect([anonymous.status, wrong.status, user.status]).toEqual([401, 401, 401]);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await anonymous.text()).not.toContain('mlaas_');
  });
});

import { getIntrospectionQuery } from 'graphql';
import { connect, postGraphQL } from '../../test/support/gateway/clients';
import { startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

const orgs = [{ id: 'org-1', role: 'OWNER' }];
const SCHEMA_TYPES = '{ __schema { queryType { name } } }';

/** One query over the gateway's graphql-ws, as the playground sends non-subscriptions there too. */
async function overWebSocket(graph: FixtureGraph, query: string, params: Record<string, unknown> = {}) {
  const client = connect(graph.wsUrl, params);
  try {
    for await (const result of client.iterate({ query })) return result;
    throw new Error('no result');
  } finally {
    await client.dispose();
  }
}

describe('introspection policy: authenticated', () => {
  let graph: FixtureGraph;
  let token: string;

  beforeAll(async () => {
    graph = await startFixtureGraph({ introspection: 'authenticated' });
    token = await graph.issuer.issue({ sub: 'user-1', orgs });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('refuses __schema and __type to an anonymous caller with UNAUTHENTICATED (HTTP 401)', async () => {
    for (const query of [
      SCHEMA_TYPES,
      '{ __type(name: "Query") { name } }',
      // Hidden in a fragment, under an alias, or in the whole query GraphiQL sends.
      'query { ...F } fragment F on Query { s: __schema { types { name } } }',
      getIntrospectionQuery(),
    ]) {
      const answer = await postGraphQL(graph.gateway.url, { query });
      expect(answer.status).toBe(401);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toEqual([
        expect.objectContaining({
          message: 'Introspection requires signing in: send an access token or an API key',
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
        }),
      ]);
    }
  });

  it('refuses it over WebSocket too', async () => {
    const result = await overWebSocket(graph, SCHEMA_TYPES);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('answers it for a signed-in caller, over HTTP and WebSocket', async () => {
    const answer = await postGraphQL(
      graph.gateway.url,
      { query: getIntrospectionQuery() },
      { authorization: `Bearer ${token}` },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
    expect(await overWebSocket(graph, SCHEMA_TYPES, { authorization: `Bearer ${token}` })).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });

  it('still answers __typename to anyone: it names a type, it does not describe the schema', async () => {
    const answer = await postGraphQL(graph.gateway.url, { query: '{ __typename }' });
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe('introspection policy: off', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    graph = await startFixtureGraph({ introspection: 'off' });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('refuses introspection to everyone with FORBIDDEN (HTTP 403)', async () => {
    const token = await graph.issuer.issue({ sub: 'user-1', orgs });
    const anonymous: Record<string, string> = {};
    for (const headers of [anonymous, { authorization: `Bearer ${token}` }]) {
      const answer = await postGraphQL(graph.gateway.url, { query: SCHEMA_TYPES }, headers);
      expect(answer.status).toBe(403);
      expect(answer.body.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['FORBIDDEN', 'Introspection is turned off on this gateway'],
      ]);
    }
  });
});

describe('CORS and the playground page', () => {
  let graph: FixtureGraph;
  let origin: string;
  const ALLOWED = 'https://app.example.com';

  beforeAll(async () => {
    graph = await startFixtureGraph({ corsOrigins: [ALLOWED, 'http://localhost:*'] });
    origin = new URL(graph.gateway.url).origin;
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const preflight = (path: string, from: string) =>
    fetch(new URL(path, origin), {
      method: 'OPTIONS',
      headers: {
        origin: from,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

  it('answers the preflight of an allowed origin on /graphql and /v2/…, naming that origin', async () => {
    for (const [path, from] of [
      ['/graphql', ALLOWED],
      ['/graphql', 'http://localhost:5173'],
      ['/v2/models/iris/infer', ALLOWED],
    ]) {
      const response = await preflight(path, from);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(from);
      expect(response.headers.get('access-control-allow-methods')).toContain('POST');
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(response.headers.get('vary')).toBe('Origin');
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('refuses the preflight of any other origin, without a CORS header', async () => {
    for (const from of [
      'https://evil.example.com',
      'https://app.example.com.evil.example.com',
      'http://app.example.com',
      'http://localhost.evil.example.com:80',
      'null',
    ]) {
      const response = await preflight('/graphql', from);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toBe('Origin');
    }
  });

  it('names an allowed origin on the answer itself, and no origin for another', async () => {
    const allowed = await postGraphQL(graph.gateway.url, { query: '{ __typename }' }, { origin: ALLOWED });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(allowed.headers.get('access-control-expose-headers')).toContain('x-request-id');
    expect(allowed.headers.get('vary')).toBe('Origin');
    const other = await postGraphQL(
      graph.gateway.url,
      { query: '{ __typename }' },
      { origin: 'https://evil.example.com' },
    );
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    expect(other.headers.get('vary')).toBe('Origin');
  });

  it('serves the playground with a strict CSP and browser hardening headers', async () => {
    const response = await fetch(graph.gateway.url, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const csp = Object.fromEntries(
      response.headers
        .get('content-security-policy')!
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(csp['default-src']).toEqual(["'self'"]);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['connect-src']).toEqual(["'self'"]);
    expect(csp['style-src']).toEqual(["'self'", expect.stringMatching(/^'sha256-[A-Za-z0-9+/]+=*'$/)]);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    // Nothing inline that the policy would have to allow: no inline script, the one style is hashed.
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son\w+=/);
  });
});

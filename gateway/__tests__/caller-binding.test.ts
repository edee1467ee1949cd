import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { CallerForwardingDataSource } from '../data-source';
import {
  graphqlRequestBinding,
  routeBinding,
  signCaller,
  WEBSOCKET_BINDING,
  type AuthenticatedCaller,
} from '../../lib/caller';
import { createLogger } from '../../lib/logger';
import { register } from '../../test/support/harness/identity';
import { usePlatform } from '../../test/support/harness/platform';
import type { SubgraphHarness } from '../../test/support/harness/subgraph';
import { TEST_INTERNAL_SECRET } from '../../test/support/subgraph-client';

const MODELS = 'query ($first: Int) { models(first: $first) { totalCount } }';

interface Captured {
  headers: Record<string, string>;
  body: string;
}

/** What the gateway sends the registry for one operation: its own data source signs it, and we keep a copy. */
async function captureGatewayCall(
  caller: AuthenticatedCaller,
  variables: Record<string, unknown>,
  now = Date.now(),
): Promise<Captured> {
  const dataSource = new CallerForwardingDataSource({
    name: 'registry',
    url: 'http://registry.invalid/graphql',
    internalSecret: TEST_INTERNAL_SECRET,
    logger: createLogger('capture', 'silent'),
    timeoutMs: 1_000,
  });
  const headers = new Headers();
  const request = { query: MODELS, variables, http: { method: 'POST', url: dataSource.url, headers } };
  const realNow = Date.now;
  Date.now = () => now;
  try {
    await dataSource.willSendRequest!({ request, context: { caller } } as never);
  } finally {
    Date.now = realNow;
  }
  return {
    headers: Object.fromEntries(headers.entries()),
    body: JSON.stringify({ query: MODELS, variables }),
  };
}

async function replay(target: SubgraphHarness, captured: Captured, body = captured.body) {
  const response = await fetch(target.subgraph.url, {
    method: 'POST',
    headers: { ...captured.headers, 'content-type': 'application/json' },
    body,
  });
  const answer = (await response.json()) as {
    data?: { models: { totalCount: number } };
    errors?: { message: string; extensions: { code: string } }[];
  };
  return { status: response.status, ...answer };
}

/** Opens a graphql-ws connection with these params; resolves 'connected' or the close code. */
function connect(
  target: SubgraphHarness,
  connectionParams: Record<string, string>,
): Promise<string | number> {
  return new Promise((resolve) => {
    const client = createClient({
      url: target.subgraph.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams,
      on: {
        connected: () => {
          resolve('connected');
          void client.dispose();
        },
        closed: (event) => resolve((event as { code: number }).code),
      },
      onNonLazyError: () => undefined,
    });
  });
}

describe('the signed caller is bound to its subgraph and its request', () => {
  const platform = usePlatform();
  let caller: AuthenticatedCaller;

  beforeAll(async () => {
    caller = (await register(platform().identity)).caller;
  });

  it('serves the request the gateway signed it for', async () => {
    const captured = await captureGatewayCall(caller, { first: 5 });
    expect(await replay(platform().registry, captured)).toEqual({
      status: 200,
      data: { models: { totalCount: 0 } },
    });
  });

  it('refuses a header captured for the registry when it is sent to identity or to inference', async () => {
    const captured = await captureGatewayCall(caller, { first: 5 });
    for (const other of [platform().identity, platform().inference]) {
      const answer = await replay(other, captured);
      expect(answer.status).toBe(401);
      expect(answer.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
          message: expect.stringContaining('Caller signature is for another subgraph'),
        }),
      ]);
    }
  });

  it('refuses a captured header on another request to the same subgraph', async () => {
    const captured = await captureGatewayCall(caller, { first: 5 });
    const otherVariables = JSON.stringify({ query: MODELS, variables: { first: 100 } });
    const otherOperation = JSON.stringify({ query: '{ datasets { totalCount } }' });
    for (const body of [otherVariables, otherOperation]) {
      const answer = await replay(platform().registry, captured, body);
      expect(answer.status).toBe(401);
      expect(answer.errors?.[0].message).toContain('Caller signature is for another request');
    }
  });

  it('binds a GET to the operation in its URL, and runs no persisted-query hash in place of a document', async () => {
    // Signed for a request with no document: what a GET or a hash-only body would have been checked against.
    const headers = signCaller(TEST_INTERNAL_SECRET, caller, {
      audience: 'registry',
      request: graphqlRequestBinding(undefined, undefined),
    });
    const url = new URL(platform().registry.subgraph.url);
    url.searchParams.set('query', '{ models(first: 1) { totalCount } }');
    const get = await fetch(url, { headers: { ...headers, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(401);
    const hashOnly = JSON.stringify({
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    const persisted = await fetch(platform().registry.subgraph.url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: hashOnly,
    });
    const answer = (await persisted.json()) as { errors?: { extensions: { code: string } }[] };
    expect(answer.errors?.[0].extensions.code).not.toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(answer.errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_SUPPORTED');
  });

  it('binds an Open Inference call to its body: a captured header serves no other inputs', async () => {
    const path = '/v2/models/any-model/infer';
    const signedBody = JSON.stringify({
      inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [1] }],
    });
    const otherBody = JSON.stringify({ inputs: [{ name: 'x', shape: [1, 1], datatype: 'FP32', data: [2] }] });
    const headers = signCaller(TEST_INTERNAL_SECRET, caller, {
      audience: 'inference',
      request: routeBinding('POST', path, signedBody),
    });
    const send = (body: string) =>
      fetch(new URL(path, platform().inference.subgraph.url), {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
    // Signed for this body: past authentication (the model does not exist, so 404).
    expect((await send(signedBody)).status).toBe(404);
    const replayed = await send(otherBody);
    expect(replayed.status).toBe(401);
    expect(await replayed.text()).toContain('Caller signature is for another request');
  });

  it('refuses a header once it has expired (60 s)', async () => {
    const captured = await captureGatewayCall(caller, { first: 5 }, Date.now() - 61_000);
    const answer = await replay(platform().registry, captured);
    expect(answer.status).toBe(401);
    expect(answer.errors?.[0].message).toContain('Expired caller signature');
  });

  it('opens a subscription socket only with connection params signed for that subgraph and for a socket', async () => {
    const forRegistrySocket = signCaller(TEST_INTERNAL_SECRET, caller, {
      audience: 'registry',
      request: WEBSOCKET_BINDING,
    });
    expect(await connect(platform().registry, forRegistrySocket)).toBe('connected');
    // graphql-ws closes a connection its onConnect refuses with 4403 Forbidden.
    expect(await connect(platform().inference, forRegistrySocket)).toBe(4403);
    expect(await connect(platform().observability, forRegistrySocket)).toBe(4403);
    const { headers: forOneRequest } = await captureGatewayCall(caller, { first: 5 });
    expect(await connect(platform().registry, forOneRequest)).toBe(4403);
  });
});

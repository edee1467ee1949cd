import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { anonymousCaller } from '../../../lib/caller';
import { eventually, testLogger } from '../../../test/support/harness/gateway';
import { createUpstreamPool, PONG_TIMEOUT_CLOSE_CODE, type UpstreamPool } from '../upstream-pool';

/**
 * Just enough of a graphql-transport-ws server to accept a connection and a subscription that never emits; it
 * answers pings only while `answerPings` is set, playing a host that froze or vanished without closing.
 */
async function startFixtureSubgraph() {
  const state = { answerPings: true, closeCodes: [] as number[] };
  const server = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    handleProtocols: () => 'graphql-transport-ws',
  });
  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      const { type } = JSON.parse(String(data)) as { type: string };
      if (type === 'connection_init') socket.send(JSON.stringify({ type: 'connection_ack' }));
      if (type === 'ping' && state.answerPings) socket.send(JSON.stringify({ type: 'pong' }));
    });
    socket.on('close', (code) => state.closeCodes.push(code));
  });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    state,
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => {
      for (const socket of server.clients) socket.terminate();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('upstream subscription sockets', () => {
  let subgraph: Awaited<ReturnType<typeof startFixtureSubgraph>>;
  let pool: UpstreamPool;

  const subscribe = () => {
    const outcome: { error?: unknown; completed?: boolean } = {};
    const lease = pool.acquire('frozen', anonymousCaller);
    lease.client.subscribe(
      { query: 'subscription { ticks }' },
      {
        next: () => {},
        error: (error) => (outcome.error = error),
        complete: () => (outcome.completed = true),
      },
    );
    return outcome;
  };

  beforeEach(async () => {
    subgraph = await startFixtureSubgraph();
    pool = createUpstreamPool({
      subgraphUrls: { frozen: subgraph.url },
      internalSecret: 'x'.repeat(32),
      logger: testLogger(),
      keepAliveMs: 50,
      pongTimeoutMs: 150,
    });
  });

  afterEach(async () => {
    await pool.close();
    await subgraph.close();
  });

  it('keeps a socket whose pongs come back', async () => {
    const outcome = subscribe();

    await new Promise((resolve) => setTimeout(resolve, 600));

    expect(outcome).toEqual({});
    expect(subgraph.state.closeCodes).toEqual([]);
  });

  it('ends the subscriptions of a socket whose pong is late, closing it with 4408', async () => {
    const outcome = subscribe();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(outcome).toEqual({});

    subgraph.state.answerPings = false;

    await eventually(() => expect(outcome.error).toBeDefined(), 2_000);
    expect(outcome.completed).toBeUndefined();
    await eventually(() => expect(subgraph.state.closeCodes).toEqual([PONG_TIMEOUT_CLOSE_CODE]), 2_000);
  });
});

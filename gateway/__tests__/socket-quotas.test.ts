import WebSocket from 'ws';
import { connect, observe, type Observed } from '../../test/support/gateway/clients';
import { eventually, startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';
import { heapUsedAfterGc, MiB } from '../../test/support/heap';

const JOB_UPDATED = 'subscription ($id: ID!) { jobUpdated(id: $id) { id status } }';

/** A valid subscription of 400 fields (about 4 KB), distinct for each `n`. */
function largeSubscription(n: number): string {
  const fields = Array.from({ length: 400 }, (_, i) => (i % 2 ? 'id' : 'status')).join(' ');
  return `subscription Large${n} { jobUpdated(id: "large-${n}") { id ${fields} } }`;
}

/** A raw socket of the graphql-ws protocol: how it closed, or that it opened and stayed open. */
function openSocket(url: string): { socket: WebSocket; closed: Promise<{ code: number; reason: string }> } {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return { socket, closed };
}

const opened = (socket: WebSocket) =>
  new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });

describe('the gateway keeps no subscription work of anonymous callers', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    graph = await startFixtureGraph();
  });

  afterAll(async () => {
    await graph?.stop();
  });

  /** Subscribes to large distinct documents, 20 at a time on one anonymous socket, and unsubscribes. */
  async function subscribeLarge(from: number, count: number): Promise<void> {
    const client = connect(graph.wsUrl);
    try {
      for (let start = from; start < from + count; start += 20) {
        const ids = Array.from({ length: 20 }, (_, i) => start + i);
        const observed = ids.map((n) => observe(client, largeSubscription(n)));
        await eventually(() => {
          for (const n of ids) expect(graph.feed.subscriberCount(`large-${n}`)).toBe(1);
        }, 30_000);
        observed.forEach((o) => o.unsubscribe());
      }
    } finally {
      await client.dispose();
    }
  }

  it('does not grow the heap with many distinct large anonymous documents', async () => {
    await subscribeLarge(0, 20);
    const before = await heapUsedAfterGc();

    await subscribeLarge(1_000, 200);

    // Cached, each document and its plan would hold ~0.3 MB or more: 200 of them, 60 MB or more.
    expect((await heapUsedAfterGc()) - before).toBeLessThan(16 * MiB);
  }, 120_000);
});

describe('WebSocket limits per client', () => {
  let graph: FixtureGraph;
  const sockets: WebSocket[] = [];
  const clients: ReturnType<typeof connect>[] = [];

  beforeAll(async () => {
    graph = await startFixtureGraph({
      sockets: { maxConnectionsPerAddress: 4, maxConnectionsPerUser: 2, maxSubscriptionsPerCaller: 3 },
    });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    // The gateway uncounts a socket once its close reached it.
    await new Promise((resolve) => setTimeout(resolve, 100));
  });

  afterAll(async () => {
    await graph?.stop();
  });

  const userClient = async (sub: string) => {
    const token = await graph.issuer.issue({ sub, orgs: [{ id: 'org-1', role: 'MEMBER' }] });
    const client = connect(graph.wsUrl, { authorization: `Bearer ${token}` });
    clients.push(client);
    return client;
  };

  it('refuses the connection of an address over its share, and admits one once another closed', async () => {
    const held = Array.from({ length: 4 }, () => openSocket(graph.wsUrl));
    sockets.push(...held.map((h) => h.socket));
    await Promise.all(held.map((h) => opened(h.socket)));

    const fifth = openSocket(graph.wsUrl);
    sockets.push(fifth.socket);

    expect(await fifth.closed).toEqual({
      code: 1013,
      reason: 'RATE_LIMITED: At most 4 connections at once from one address',
    });
    held[0].socket.close();
    await held[0].closed;
    await eventually(async () => {
      const again = openSocket(graph.wsUrl);
      sockets.push(again.socket);
      await opened(again.socket);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(again.socket.readyState).toBe(WebSocket.OPEN);
    });
  });

  it("refuses a user's connection over their share", async () => {
    const first = await userClient('user-a');
    const second = await userClient('user-a');
    const subscribed = [
      observe(first, JOB_UPDATED, { id: 'u-1' }),
      observe(second, JOB_UPDATED, { id: 'u-2' }),
    ];
    await eventually(() => expect(graph.feed.subscriberCount('u-2')).toBe(1));

    const third = observe(await userClient('user-a'), JOB_UPDATED, { id: 'u-3' });
    const other = observe(await userClient('user-b'), JOB_UPDATED, { id: 'u-4' });

    expect(await third.ended).toEqual({
      error: expect.objectContaining({
        code: 1013,
        reason: 'RATE_LIMITED: At most 2 connections at once per user',
      }),
    });
    await eventually(() => expect(graph.feed.subscriberCount('u-4')).toBe(1));
    expect(subscribed.map((s) => s.results.length)).toEqual([0, 0]);
    other.unsubscribe();
  });

  it("refuses a caller's subscription over their share across sockets, and admits one once another ended", async () => {
    const first = await userClient('user-c');
    const second = await userClient('user-c');
    const running: Observed[] = [
      observe(first, JOB_UPDATED, { id: 'c-1' }),
      observe(first, JOB_UPDATED, { id: 'c-2' }),
      observe(second, JOB_UPDATED, { id: 'c-3' }),
    ];
    await eventually(() => expect(graph.feed.subscriberCount('c-3')).toBe(1));
    await eventually(() => expect(graph.feed.subscriberCount('c-1')).toBe(1));

    const refused = observe(second, JOB_UPDATED, { id: 'c-4' });

    expect(await refused.ended).toEqual({
      error: [
        {
          message: 'At most 3 subscriptions may run at once per user; complete one first',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
    running[0].unsubscribe();
    await eventually(() => expect(graph.feed.subscriberCount('c-1')).toBe(0));
    observe(second, JOB_UPDATED, { id: 'c-5' });
    await eventually(() => expect(graph.feed.subscriberCount('c-5')).toBe(1));
  });
});

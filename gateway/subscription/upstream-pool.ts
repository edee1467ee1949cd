import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signCaller, WEBSOCKET_BINDING, type Caller } from '../../lib/caller';
import type { Logger } from '../../lib/logger';

export interface UpstreamPoolOptions {
  /** Subgraph name → its GraphQL URL (`http://host:port/graphql`); graphql-ws runs on the same path. */
  subgraphUrls: Record<string, string>;
  internalSecret: string;
  logger: Logger;
  /**
   * How long an upstream socket with no subscription left stays open, in case another one comes.
   * @default 5000
   */
  idleTimeoutMs?: number;
  /**
   * How often a graphql-ws ping is sent on an upstream socket (after the previous pong).
   * @default 10000
   */
  keepAliveMs?: number;
  /**
   * How long a pong may take before the upstream socket is deemed dead and closed with 4408.
   * @default 5000
   */
  pongTimeoutMs?: number;
}

/** The right to use a shared upstream client until `release()`. */
export interface UpstreamLease {
  client: Client;
  release(): void;
}

export interface UpstreamPool {
  acquire(subgraph: string, caller: Caller): UpstreamLease;
  close(): Promise<void>;
}

/** Close code for an upstream socket whose pong did not come in time (graphql-ws's keep-alive recipe). */
export const PONG_TIMEOUT_CLOSE_CODE = 4408;

interface Entry {
  client: Client;
  leases: number;
  idleTimer?: NodeJS.Timeout;
}

/** Two callers share a socket only when the subgraph would see exactly the same caller. */
function callerKey(caller: Caller): string {
  if (caller.kind === 'anonymous') return 'anonymous';
  return JSON.stringify([
    caller.userId,
    caller.organizationId,
    caller.role,
    [...caller.scopes].sort(),
    caller.apiKeyId,
  ]);
}

export function toWebSocketUrl(graphqlUrl: string): string {
  return graphqlUrl.replace(/^http/i, 'ws');
}

/** The pool's options with their defaults filled in. */
type UpstreamTiming = Required<Pick<UpstreamPoolOptions, 'idleTimeoutMs' | 'keepAliveMs' | 'pongTimeoutMs'>>;

/** A lazy graphql-ws client to `subgraph` as `caller`, without retries, closed when its pong is late. */
function createUpstreamClient(
  options: UpstreamPoolOptions,
  { idleTimeoutMs, keepAliveMs, pongTimeoutMs }: UpstreamTiming,
  subgraph: string,
  caller: Caller,
): Client {
  const url = options.subgraphUrls[subgraph];
  if (!url) throw new Error(`No URL configured for subgraph "${subgraph}"`);
  const logger = options.logger.child({ upstream: subgraph });
  // graphql-ws's keep-alive recipe: a timer starts when a ping goes out and stops when its pong comes back.
  let socket: WebSocket | undefined;
  let pongTimer: NodeJS.Timeout | undefined;
  const client: Client = createClient({
    url: toWebSocketUrl(url),
    webSocketImpl: WebSocket,
    lazy: true,
    lazyCloseTimeout: idleTimeoutMs,
    retryAttempts: 0,
    keepAlive: keepAliveMs,
    connectionParams: () =>
      signCaller(options.internalSecret, caller, { audience: subgraph, request: WEBSOCKET_BINDING }),
    on: {
      connected: (connected) => {
        socket = connected as WebSocket;
        logger.debug('upstream subscription socket open');
      },
      ping: (received) => {
        if (received) return;
        clearTimeout(pongTimer);
        pongTimer = setTimeout(() => {
          logger.warn({ pongTimeoutMs }, 'upstream subscription socket missed its pong; closing it');
          socket?.close(PONG_TIMEOUT_CLOSE_CODE, 'Pong timeout');
          // A vanished peer never answers the close frame, and ws would wait 30 s for it before reporting the
          // close: end the subscriptions now instead.
          client.terminate();
        }, pongTimeoutMs);
        pongTimer.unref();
      },
      pong: (received) => {
        if (received) clearTimeout(pongTimer);
      },
      closed: (event) => {
        clearTimeout(pongTimer);
        socket = undefined;
        logger.debug({ code: (event as { code?: number }).code }, 'upstream subscription socket closed');
      },
    },
  });
  return client;
}

/**
 * One graphql-ws client per (subgraph, caller identity), shared by every client subscription of that caller, so
 * N browser tabs cost one upstream socket, not N. The subgraph authenticates a socket once, at connect, from the
 * signed caller in connectionParams; they are signed afresh on every (re)connect because signatures expire.
 *
 * No retries: a subscription resumed on a new socket would silently miss the events sent in between, so a lost
 * upstream connection ends the affected subscriptions with an error and clients resubscribe.
 *
 * A subgraph host that vanishes without closing its sockets (power loss, a partition) sends no FIN: without a
 * keep-alive its subscriptions would wait forever. So every socket is pinged, and one whose pong is late is closed.
 */
export function createUpstreamPool(options: UpstreamPoolOptions): UpstreamPool {
  const timing: UpstreamTiming = {
    idleTimeoutMs: options.idleTimeoutMs ?? 5_000,
    keepAliveMs: options.keepAliveMs ?? 10_000,
    pongTimeoutMs: options.pongTimeoutMs ?? 5_000,
  };
  const { idleTimeoutMs } = timing;
  const entries = new Map<string, Entry>();

  function forget(key: string, entry: Entry): void {
    if (entries.get(key) !== entry) return;
    entries.delete(key);
    // dispose() rethrows the connection failure of a client that never connected: nothing to close then.
    Promise.resolve(entry.client.dispose()).catch(() => undefined);
  }

  return {
    acquire(subgraph, caller) {
      const key = `${subgraph}\n${callerKey(caller)}`;
      let entry = entries.get(key);
      if (!entry) {
        entry = { client: createUpstreamClient(options, timing, subgraph, caller), leases: 0 };
        entries.set(key, entry);
      }
      const leased = entry;
      clearTimeout(leased.idleTimer);
      leased.idleTimer = undefined;
      leased.leases += 1;
      let released = false;
      return {
        client: leased.client,
        release() {
          if (released) return;
          released = true;
          leased.leases -= 1;
          if (leased.leases > 0) return;
          leased.idleTimer = setTimeout(() => forget(key, leased), idleTimeoutMs);
          leased.idleTimer.unref();
        },
      };
    },
    async close() {
      const all = [...entries.values()];
      entries.clear();
      for (const entry of all) clearTimeout(entry.idleTimer);
      await Promise.allSettled(all.map((entry) => entry.client.dispose()));
    },
  };
}

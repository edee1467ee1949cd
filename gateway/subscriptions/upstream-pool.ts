import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signCaller, type Caller } from '../../lib/caller';
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
}

/** The right to use a shared upstream client until `release()`. */
export interface UpstreamLease {
  client: Client;
  release(): void;
}

export interface UpstreamPool {
  acquire(subgraph: string, caller: Caller): UpstreamLease;
  /** Clients currently kept, idle or not (one per subgraph and caller identity). */
  size(): number;
  close(): Promise<void>;
}

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

/**
 * One graphql-ws client per (subgraph, caller identity), shared by every client subscription of that caller, so
 * N browser tabs cost one upstream socket, not N. The subgraph authenticates a socket once, at connect, from the
 * signed caller in connectionParams; they are signed afresh on every (re)connect because signatures expire.
 *
 * No retries: a subscription resumed on a new socket would silently miss the events sent in between, so a lost
 * upstream connection ends the affected subscriptions with an error and clients resubscribe.
 */
export function createUpstreamPool(options: UpstreamPoolOptions): UpstreamPool {
  const idleTimeoutMs = options.idleTimeoutMs ?? 5_000;
  const entries = new Map<string, Entry>();

  function createUpstreamClient(subgraph: string, caller: Caller): Client {
    const url = options.subgraphUrls[subgraph];
    if (!url) throw new Error(`No URL configured for subgraph "${subgraph}"`);
    const logger = options.logger.child({ upstream: subgraph });
    return createClient({
      url: toWebSocketUrl(url),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: idleTimeoutMs,
      retryAttempts: 0,
      connectionParams: () => signCaller(options.internalSecret, caller),
      on: {
        connected: () => logger.debug('upstream subscription socket open'),
        closed: (event) =>
          logger.debug({ code: (event as { code?: number }).code }, 'upstream subscription socket closed'),
      },
    });
  }

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
        entry = { client: createUpstreamClient(subgraph, caller), leases: 0 };
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
    size: () => entries.size,
    async close() {
      const all = [...entries.values()];
      entries.clear();
      for (const entry of all) clearTimeout(entry.idleTimer);
      await Promise.allSettled(all.map((entry) => entry.client.dispose()));
    },
  };
}

import type { Caller } from '../../lib/caller';

/** How much of the gateway's WebSocket side one client may hold at once. */
export interface SocketLimits {
  /**
   * Sockets open at once from one client address (authenticated or not, handshake included).
   * @default 50
   */
  maxConnectionsPerAddress?: number;
  /**
   * Authenticated connections one user holds at once.
   * @default 20
   */
  maxConnectionsPerUser?: number;
  /**
   * Subscriptions running at once for one caller across all their sockets (an anonymous caller: per address).
   * @default 100
   */
  maxSubscriptionsPerCaller?: number;
  /**
   * Budget of each cache of subscription work (validated documents; plans), in bytes.
   * @default 32 MiB
   */
  cacheBytes?: number;
}

export const DEFAULT_SOCKET_LIMITS: Required<SocketLimits> = {
  maxConnectionsPerAddress: 50,
  maxConnectionsPerUser: 20,
  maxSubscriptionsPerCaller: 100,
  cacheBytes: 32 * 1024 * 1024,
};

/** Counts by key, forgetting a key at zero so that the map holds only what is open. */
class Tally {
  private readonly counts = new Map<string, number>();

  /** Adds one for `key` unless it already holds `max`. */
  tryAdd(key: string, max: number): boolean {
    const count = this.counts.get(key) ?? 0;
    if (count >= max) return false;
    this.counts.set(key, count + 1);
    return true;
  }

  remove(key: string): void {
    const count = this.counts.get(key) ?? 0;
    if (count <= 1) this.counts.delete(key);
    else this.counts.set(key, count - 1);
  }
}

/** Whose subscriptions they are: a user, or an anonymous client by its address. */
export function quotaHolderOf(caller: Caller, address: string | undefined): string {
  return caller.kind === 'user' ? `user:${caller.userId}` : `address:${address ?? 'unknown'}`;
}

/**
 * The gateway's WebSocket quotas. Each open socket, authenticated connection and running subscription is
 * counted against its address, user or caller, and uncounted when it ends, so a client's share stays bounded
 * however many sockets it opens: one anonymous address could otherwise hold any number of sockets, each with
 * `maxOperationsPerConnection` subscriptions.
 */
export class SocketQuotas {
  private readonly limits: Required<SocketLimits>;
  private readonly sockets = new Tally();
  private readonly users = new Tally();
  private readonly subscriptions = new Tally();
  /** Per connection, its counted subscriptions by graphql-ws id and their holder. */
  private readonly running = new WeakMap<object, Map<string, string>>();

  constructor(limits: SocketLimits = {}) {
    this.limits = { ...DEFAULT_SOCKET_LIMITS, ...limits };
  }

  get maxConnectionsPerAddress(): number {
    return this.limits.maxConnectionsPerAddress;
  }

  get maxConnectionsPerUser(): number {
    return this.limits.maxConnectionsPerUser;
  }

  get maxSubscriptionsPerCaller(): number {
    return this.limits.maxSubscriptionsPerCaller;
  }

  /** Counts a socket of `address`; false when the address already holds its share. */
  admitSocket(address: string): boolean {
    return this.sockets.tryAdd(address, this.limits.maxConnectionsPerAddress);
  }

  releaseSocket(address: string): void {
    this.sockets.remove(address);
  }

  admitUser(userId: string): boolean {
    return this.users.tryAdd(userId, this.limits.maxConnectionsPerUser);
  }

  releaseUser(userId: string): void {
    this.users.remove(userId);
  }

  /** Counts subscription `id` of `connection` against `holder`; false when the holder has its share running. */
  startSubscription(connection: object, id: string, holder: string): boolean {
    if (!this.subscriptions.tryAdd(holder, this.limits.maxSubscriptionsPerCaller)) return false;
    const running = this.running.get(connection) ?? new Map<string, string>();
    this.running.set(connection, running);
    running.set(id, holder);
    return true;
  }

  /** Uncounts subscription `id` of `connection` (nothing when it was not counted, or already uncounted). */
  endSubscription(connection: object, id: string): void {
    const running = this.running.get(connection);
    const holder = running?.get(id);
    if (holder === undefined) return;
    running!.delete(id);
    this.subscriptions.remove(holder);
  }

  /** Uncounts every subscription of a connection that closed. */
  endConnection(connection: object): void {
    for (const id of [...(this.running.get(connection)?.keys() ?? [])]) this.endSubscription(connection, id);
    this.running.delete(connection);
  }
}

/**
 * What caching the work of one subscription text costs, in bytes: a parsed document holds ~75–100 bytes per
 * character of its text (measured on graphql-js 16: tokens and their locations), and a plan is of the same
 * order. Comments cost nothing once parsed, so this overestimates for them, which only caches fewer.
 */
export function subscriptionCacheCost(text: string): number {
  return text.length * 100;
}

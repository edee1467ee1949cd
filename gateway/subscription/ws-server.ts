import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { getOperationAST, specifiedRules, type ExecutionArgs, type GraphQLError } from 'graphql';
import { CloseCode, type FormattedExecutionResult, type SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { anonymousCaller } from '../../lib/caller';
import { errors, isExpectedError } from '../../lib/errors';
import { createErrorFormatter } from '../../lib/format-error';
import type { Logger } from '../../lib/logger';
import {
  credentialsFromConnectionParams,
  type Authentication,
  type Authenticator,
} from '../auth/authenticator';
import { clientAddressOf } from '../client-address';
import type { GatewayContext } from '../context';
import { createLimitRules, type GatewayLimits, type RequestGuard } from '../limits';
import { guardedOnSubscribe } from '../operation-limits/socket-guard';
import { boundErrorList, boundedFormatter } from '../operation-limits/bounded-errors';
import type { FederatedSchema } from './federated-schema';
import { TerminalErrors, type FederatedSubscribe } from './federated-subscriptions';
import { LruCache } from '../../lib/lru-cache';
import {
  DEFAULT_SOCKET_LIMITS,
  quotaHolderOf,
  SocketQuotas,
  subscriptionCacheCost,
  type SocketLimits,
} from './socket-quotas';
import {
  answeredResult,
  startOperation,
  subscribeFederated,
  type SocketContext,
  type SocketState,
} from './socket-operations';

export interface GraphQLWsOptions {
  httpServer: Server;
  path: string;
  federated: FederatedSchema;
  /** Queries and mutations sent over the socket run through Apollo Server, like HTTP ones. */
  apollo: ApolloServer<GatewayContext>;
  subscribe: FederatedSubscribe;
  authenticator: Authenticator;
  limits: GatewayLimits;
  /** The request checks HTTP requests get before Apollo Server (limits.ts). */
  guard: RequestGuard;
  logger: Logger;
  exposeStack: boolean;
  /** @default 0 */
  trustedProxyHops?: number;
  /** Connections and subscriptions per client, and the subscription caches' budget. */
  sockets?: SocketLimits;
}

/**
 * RFC 6455's "Try Again Later": a connection over its client's share. Not a graphql-ws 44xx code (those name
 * protocol faults); graphql-ws clients retry it with their back-off, and the reason names the limit.
 */
export const TRY_AGAIN_LATER = 1013;

// RFC 6455 allows 123 bytes of close reason.
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8') + '...';
}

/** Admits an authenticated user's connection within their share; closes it (1013) when over. */
function admitUser(quotas: SocketQuotas, authentication: Authentication, ctx: SocketContext): boolean {
  const { caller } = authentication;
  if (caller.kind !== 'user') return true;
  if (quotas.admitUser(caller.userId)) {
    ctx.extra.socket.once('close', () => quotas.releaseUser(caller.userId));
    return true;
  }
  const reason = `RATE_LIMITED: At most ${quotas.maxConnectionsPerUser} connections at once per user`;
  ctx.extra.socket.close(TRY_AGAIN_LATER, closeReason(reason));
  return false;
}

async function authenticateConnection(
  options: GraphQLWsOptions,
  state: { connections: WeakMap<object, Authentication>; quotas: SocketQuotas },
  ctx: SocketContext,
): Promise<boolean> {
  const { authenticator, logger } = options;
  try {
    const authentication = await authenticator.authenticate(
      credentialsFromConnectionParams(ctx.connectionParams),
    );
    if (!admitUser(state.quotas, authentication, ctx)) return false;
    state.connections.set(ctx, authentication);
    return true;
  } catch (error) {
    const expected = isExpectedError(error);
    if (!expected) logger.error({ err: error }, 'websocket authentication failed');
    const reason = expected
      ? `${String(error.extensions.code)}: ${error.message}`
      : 'INTERNAL_SERVER_ERROR: Internal server error';
    // Closing first sets the reason; graphql-ws's own close (code 4403, reason "Forbidden") is then a no-op.
    ctx.extra.socket.close(CloseCode.Forbidden, closeReason(reason));
    return false;
  }
}

/**
 * Counts a subscription about to start against its caller's share (anonymous callers: their address's), or
 * refuses it with BAD_REQUEST, like one over the connection's own limit. Counted until graphql-ws completes it,
 * fails it or its socket closes.
 */
function withinSubscriptionQuota(
  state: SocketState,
  quotas: SocketQuotas,
  ctx: SocketContext,
  id: string,
  started: ExecutionArgs | GraphQLError[],
): ExecutionArgs | GraphQLError[] {
  if (Array.isArray(started)) return started;
  if (getOperationAST(started.document, started.operationName)?.operation !== 'subscription') return started;
  const { caller } = state.connections.get(ctx) ?? { caller: anonymousCaller };
  const holder = quotaHolderOf(caller, clientAddressOf(ctx.extra.request, state.trustedProxyHops));
  if (quotas.startSubscription(ctx, id, holder)) return started;
  const who = caller.kind === 'user' ? 'per user' : 'per address for anonymous callers';
  return [
    errors.badRequest(
      `At most ${quotas.maxSubscriptionsPerCaller} subscriptions may run at once ${who}; complete one first`,
    ),
  ];
}

/**
 * graphql-ws on the gateway. A connection authenticates once, from connectionParams: bad credentials close it
 * with 4403 and a reason naming the error code ("UNAUTHENTICATED: Access token expired"), so a client learns at
 * connect time rather than on each operation; no credentials at all is an anonymous connection.
 *
 * Subscriptions are validated here and federated (see federated-subscriptions.ts). Every other document goes to
 * Apollo Server untouched, which parses, validates and runs it as over HTTP, so errors carry the same codes and
 * a query is validated once.
 *
 * An access token that expires while its connection is open: the connection refuses new operations with
 * UNAUTHENTICATED, so the client reconnects with a fresh token; subscriptions already running go on. A running
 * subscription was authorized when it started (and its upstream socket was authenticated by the subgraph then);
 * ending it at the token's expiry would cut every long-lived subscription every token lifetime for no new check.
 *
 * At most `limits.maxOperationsPerConnection` operations run at once per connection. One more is answered with a
 * BAD_REQUEST error rather than by closing the socket (4429), so the operations already running are unharmed
 * and a client that opens too many learns which one was refused.
 *
 * Across connections, `sockets` bounds what one client holds (socket-quotas.ts): sockets per address and
 * connections per user (over the share: closed with 1013 and a RATE_LIMITED reason), subscriptions per caller
 * (one more: BAD_REQUEST). Parsed subscription documents and plans are cached for authenticated callers only,
 * within a byte budget.
 */
export function attachGraphQLWs(options: GraphQLWsOptions): { dispose(): Promise<void> } {
  const state: SocketState = {
    federated: options.federated,
    apollo: options.apollo,
    logger: options.logger,
    maxOperations: options.limits.maxOperationsPerConnection ?? 100,
    connections: new WeakMap(),
    rules: [...specifiedRules, ...createLimitRules(options.limits)],
    validSubscriptions: new LruCache({
      maxEntries: 500,
      maxBytes: options.sockets?.cacheBytes ?? DEFAULT_SOCKET_LIMITS.cacheBytes,
      sizeOf: (query) => query.length * 2 + subscriptionCacheCost(query),
    }),
    trustedProxyHops: options.trustedProxyHops ?? 0,
  };
  const quotas = new SocketQuotas(options.sockets);
  const guardedStart = guardedOnSubscribe(options.guard, (ctx: SocketContext, payload: SubscribePayload) =>
    startOperation(state, ctx, payload),
  );
  const formatError = boundedFormatter(
    createErrorFormatter(options.logger, { exposeStack: options.exposeStack }),
  );
  // ws would otherwise accept messages of up to 100 MiB.
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.limits.maxRequestBytes,
  });

  // Before graphql-ws's own listener: a socket over its address's share is closed before it can say anything.
  wsServer.on('connection', (socket, request) => {
    const address = clientAddressOf(request, state.trustedProxyHops) ?? 'unknown';
    if (!quotas.admitSocket(address)) {
      const reason = `RATE_LIMITED: At most ${quotas.maxConnectionsPerAddress} connections at once from one address`;
      socket.close(TRY_AGAIN_LATER, closeReason(reason));
      return;
    }
    socket.once('close', () => quotas.releaseSocket(address));
  });

  const cleanup = useServer(
    {
      onConnect: (ctx) => authenticateConnection(options, { connections: state.connections, quotas }, ctx),
      onSubscribe: async (ctx, id, payload) =>
        withinSubscriptionQuota(state, quotas, ctx, id, await guardedStart(ctx, id, payload)),
      subscribe: (args: ExecutionArgs) => subscribeFederated(options.subscribe, args),
      execute: answeredResult,
      onNext: (_ctx, _id, _payload, _args, result) => result as unknown as FormattedExecutionResult,
      onComplete: (ctx, id) => quotas.endSubscription(ctx, id),
      onError: (ctx, id, _payload, errs) => {
        quotas.endSubscription(ctx, id);
        return boundErrorList(
          errs.flatMap((e) =>
            e.originalError instanceof TerminalErrors ? e.originalError.errors : [formatError(e.toJSON(), e)],
          ),
        );
      },
      onClose: (ctx) => quotas.endConnection(ctx),
    },
    wsServer,
  );

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}

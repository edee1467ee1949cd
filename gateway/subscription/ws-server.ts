import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { specifiedRules, type ExecutionArgs } from 'graphql';
import { CloseCode, type FormattedExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { isExpectedError } from '../../lib/errors';
import { createErrorFormatter } from '../../lib/format-error';
import type { Logger } from '../../lib/logger';
import {
  credentialsFromConnectionParams,
  type Authentication,
  type Authenticator,
} from '../auth/authenticator';
import type { GatewayContext } from '../context';
import { createLimitRules, type GatewayLimits, type RequestGuard } from '../limits';
import { guardedOnSubscribe } from '../operation-limits/socket-guard';
import { boundErrorList, boundedFormatter } from '../operation-limits/bounded-errors';
import type { FederatedSchema } from './federated-schema';
import { TerminalErrors, type FederatedSubscribe } from './federated-subscriptions';
import { LruCache } from '../../lib/lru-cache';
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
}

// RFC 6455 allows 123 bytes of close reason.
function closeReason(text: string): string {
  const bytes = Buffer.from(text);
  return bytes.length <= 123 ? text : bytes.subarray(0, 120).toString('utf8') + '...';
}

async function authenticateConnection(
  options: GraphQLWsOptions,
  connections: WeakMap<object, Authentication>,
  ctx: SocketContext,
): Promise<boolean> {
  const { authenticator, logger } = options;
  try {
    connections.set(
      ctx,
      await authenticator.authenticate(credentialsFromConnectionParams(ctx.connectionParams)),
    );
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
 */
export function attachGraphQLWs(options: GraphQLWsOptions): { dispose(): Promise<void> } {
  const state: SocketState = {
    federated: options.federated,
    apollo: options.apollo,
    logger: options.logger,
    maxOperations: options.limits.maxOperationsPerConnection ?? 100,
    connections: new WeakMap(),
    rules: [...specifiedRules, ...createLimitRules(options.limits)],
    validSubscriptions: new LruCache(500),
    trustedProxyHops: options.trustedProxyHops ?? 0,
  };
  const formatError = boundedFormatter(
    createErrorFormatter(options.logger, { exposeStack: options.exposeStack }),
  );
  // ws would otherwise accept messages of up to 100 MiB.
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: options.limits.maxRequestBytes,
  });

  const cleanup = useServer(
    {
      onConnect: (ctx) => authenticateConnection(options, state.connections, ctx),
      onSubscribe: guardedOnSubscribe(options.guard, (ctx: SocketContext, payload) =>
        startOperation(state, ctx, payload),
      ),
      subscribe: (args: ExecutionArgs) => subscribeFederated(options.subscribe, args),
      execute: answeredResult,
      onNext: (_ctx, _id, _payload, _args, result) => result as unknown as FormattedExecutionResult,
      onError: (_ctx, _id, _payload, errs) =>
        boundErrorList(
          errs.flatMap((e) =>
            e.originalError instanceof TerminalErrors ? e.originalError.errors : [formatError(e.toJSON(), e)],
          ),
        ),
    },
    wsServer,
  );

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}

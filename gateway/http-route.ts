import type { IncomingMessage } from 'node:http';
import type { ApolloServer, ApolloServerPlugin } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { REQUEST_ID_HEADER } from '../lib/caller';
import { ErrorCode, errors, isExpectedError, withHttpStatus } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { createApolloHttpHandler } from '../lib/server/apollo-http';
import type { RouteHandler } from '../lib/server/http-server';
import { credentialsFromHeaders, type Authenticator } from './auth/authenticator';
import { clientAddressOf } from './client-address';
import { createGatewayContext, resolveRequestId, type GatewayContext } from './context';
import type { RequestGuard } from './limits';
import { servePlayground, wantsPlayground } from './playground/page';

export interface GraphQLRouteOptions {
  apollo: ApolloServer<GatewayContext>;
  authenticator: Authenticator;
  logger: Logger;
  maxRequestBytes: number;
  /** Checks a request before Apollo Server sees it (limits.ts). */
  guard: RequestGuard;
  playgroundHtml: string;
  /** Reverse proxies whose X-Forwarded-For is believed (client-address.ts). @default 0 */
  trustedProxyHops?: number;
}

const authFailureStatus: Partial<Record<string, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
};

/**
 * `/graphql` over HTTP: the playground for browsers, otherwise Apollo Server. Every request gets a request id
 * (the client's `x-request-id`, or a new one), echoed in the response and carried to the subgraphs.
 */
export function createGraphQLRoute(options: GraphQLRouteOptions): RouteHandler {
  const requestIds = new WeakMap<IncomingMessage, string>();
  const apolloHandler = createApolloHttpHandler({
    server: options.apollo,
    maxRequestBytes: options.maxRequestBytes,
    refuseRequest: (fields) => options.guard.refuseRequest(fields),
    context: async (request) => {
      try {
        const { caller } = await options.authenticator.authenticate(credentialsFromHeaders(request.headers));
        return createGatewayContext(
          caller,
          requestIds.get(request)!,
          options.logger,
          clientAddressOf(request, options.trustedProxyHops ?? 0),
        );
      } catch (error) {
        const status = isExpectedError(error)
          ? authFailureStatus[error.extensions.code as string]
          : undefined;
        if (status) throw withHttpStatus(error as GraphQLError, status);
        throw error;
      }
    },
  });
  return (request, response, url) => {
    if (wantsPlayground(request)) return servePlayground(response, options.playgroundHtml);
    const requestId = resolveRequestId(request.headers[REQUEST_ID_HEADER]);
    requestIds.set(request, requestId);
    response.setHeader(REQUEST_ID_HEADER, requestId);
    return apolloHandler(request, response, url);
  };
}

/**
 * Refuses what Apollo would hand to the gateway's executor but the executor cannot run. A document whose operation
 * cannot be picked (several operations and no name, or an unknown name) would otherwise fail inside
 * @apollo/gateway as INTERNAL_SERVER_ERROR: it is the client's mistake, answered BAD_REQUEST (over WebSocket too,
 * since queries sent there run through Apollo Server). A subscription is pointed to WebSocket.
 */
export function rejectUnrunnableOperations(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (!operation) {
            throw withHttpStatus(
              errors.badRequest(
                request.operationName
                  ? `Unknown operation named "${request.operationName}"`
                  : 'Must provide operation name if query contains multiple operations',
              ),
              400,
            );
          }
          if (operation.operation === 'subscription') {
            throw withHttpStatus(
              errors.badRequest(
                'Subscriptions are served over WebSocket (graphql-transport-ws) on this same URL',
              ),
              400,
            );
          }
        },
      };
    },
  };
}

/** Routes a subgraph serves over HTTP beside what every service serves, and how they learn their caller. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, readHeader, routeBinding } from '../caller';
import type { RouteHandler } from './http-server';
import type { SubgraphRequests } from './subgraph-requests';

/**
 * Authenticates a request as `/graphql` does (the caller the gateway signed; UNAUTHENTICATED with HTTP status 401
 * without a valid one) and builds the context the subgraph's resolvers get, with the request's id. The signature
 * must be bound to `binding`: by default the request's method and path (routeBinding).
 */
export type RequestContext<TContext> = (request: IncomingMessage, binding?: string) => Promise<TContext>;

/** A route of the subgraph's own; one that serves callers gets their context from `contextOf`. */
export type SubgraphRouteHandler<TContext> = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  contextOf: RequestContext<TContext>,
) => Promise<void> | void;

/** The one way a subgraph's HTTP routes, `/graphql` included, learn who calls and build their context. */
export function requestContext<TContext extends object>(
  requests: SubgraphRequests<TContext>,
): RequestContext<TContext> {
  return async (request, binding) => {
    const call = requests.authenticate(
      request.headers as Record<string, unknown>,
      binding ??
        routeBinding(request.method ?? 'GET', new URL(request.url ?? '/', 'http://localhost').pathname),
    );
    const requestId =
      readHeader(request.headers as Record<string, unknown>, REQUEST_ID_HEADER) ?? randomUUID();
    return requests.contextFor(call, requestId);
  };
}

/** The definition's own routes, each handed the way to its callers' contexts. */
export function ownRoutes<TContext extends object>(
  routes: Record<string, SubgraphRouteHandler<TContext>> = {},
  contextOf: RequestContext<TContext>,
): Record<string, RouteHandler> {
  return Object.fromEntries(
    Object.entries(routes).map(([path, handler]) => [
      path,
      (request, response, url) => handler(request, response, url, contextOf),
    ]),
  );
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { RouteHandler } from '../server/http-server';
import { contextFromCarrier } from './propagation';
import { withSpan } from './spans';
import { tracingEnabled, type TracedService } from './tracing';

/**
 * A route whose every request is a SERVER span of `service`, continuing the caller's `traceparent` when it
 * sent one. Decided once, when the route is made: with tracing off the route is returned unchanged.
 */
export function tracedRoute(service: TracedService, route: string, handler: RouteHandler): RouteHandler {
  if (!tracingEnabled()) return handler;
  return (request: IncomingMessage, response: ServerResponse, url: URL) =>
    withSpan(
      service,
      `${request.method ?? 'GET'} ${route}`,
      {
        kind: SpanKind.SERVER,
        parent: contextFromCarrier(request.headers),
        attributes: { 'http.request.method': request.method ?? 'GET', 'url.path': url.pathname },
      },
      async (span) => {
        await handler(request, response, url);
        span?.setAttribute('http.response.status_code', response.statusCode);
        if (response.statusCode >= 500) span?.setStatus({ code: SpanStatusCode.ERROR });
      },
    );
}

/** Every route of `routes` traced as `tracedRoute` does (health and metrics are not passed here). */
export function tracedRoutes(
  service: TracedService,
  routes: Record<string, RouteHandler>,
): Record<string, RouteHandler> {
  if (!tracingEnabled()) return routes;
  return Object.fromEntries(
    Object.entries(routes).map(([route, handler]) => [route, tracedRoute(service, route, handler)]),
  );
}

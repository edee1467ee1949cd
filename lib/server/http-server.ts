import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import { checkReadiness, type ReadinessCheck } from './health';
import { createMetricsRoute } from './metrics-route';
import { sendGraphQLError, sendJson } from './responses';

export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => Promise<void> | void;

export interface HttpServerOptions {
  logger: Logger;
  metrics: ServiceMetrics;
  readiness: Record<string, ReadinessCheck>;
  /**
   * Routes by exact path, or by prefix for a key ending in `/*` (`/v2/*` serves every path under `/v2/`; the
   * longest prefix wins, an exact path wins over any prefix). `/health/live`, `/health/ready` and `/metrics` are
   * added to every server.
   */
  routes: Record<string, RouteHandler>;
  /** The bearer token `/metrics` requires (METRICS_TOKEN); without one `/metrics` answers 404. */
  metricsToken?: string;
}

const PREFIX_MARK = '/*';

/**
 * Finds the route of a path. Metrics count requests by the route's key, never by the path itself, so a prefix
 * route (whose paths carry names and ids) keeps the metric's cardinality bounded.
 */
export function createRouter(routes: Record<string, RouteHandler>) {
  const prefixes = Object.keys(routes)
    .filter((key) => key.endsWith(PREFIX_MARK))
    .map((key) => ({ key, prefix: key.slice(0, -1) }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (pathname: string): { key: string; handler: RouteHandler } | undefined => {
    if (Object.hasOwn(routes, pathname) && !pathname.endsWith(PREFIX_MARK))
      return { key: pathname, handler: routes[pathname] };
    const match = prefixes.find(({ prefix }) => pathname.startsWith(prefix));
    return match && { key: match.key, handler: routes[match.key] };
  };
}

/** The HTTP server every service runs: its own routes plus health and Prometheus metrics. */
export function createHttpServer(options: HttpServerOptions): Server {
  const routes: Record<string, RouteHandler> = {
    ...options.routes,
    '/health/live': (_req, res) => sendJson(res, 200, { status: 'UP' }),
    '/health/ready': async (_req, res) => {
      const report = await checkReadiness(options.readiness);
      sendJson(res, report.status === 'UP' ? 200 : 503, report);
    },
    '/metrics': createMetricsRoute(options.metrics, options.metricsToken),
  };
  const route = createRouter(routes);
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const matched = route(url.pathname);
    response.on('finish', () =>
      options.metrics.httpRequests.inc({
        route: matched?.key ?? 'unmatched',
        status: String(response.statusCode),
      }),
    );
    if (!matched) return sendJson(response, 404, { error: 'not found' });
    Promise.resolve(matched.handler(request, response, url)).catch((error: unknown) => {
      options.logger.error({ err: error, path: url.pathname }, 'request failed');
      if (!response.headersSent) sendGraphQLError(response, 500, 'Internal server error', ErrorCode.Internal);
      else response.end();
    });
  });
}

export async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return (server.address() as AddressInfo).port;
}

/** Closes a server and every connection it still holds (keep-alive sockets would otherwise keep it open). */
/**
 * Stops a server whose clients upload and download files: idle keep-alive sockets are closed at once (they would
 * hold the process open), busy ones get `graceMs` to finish their transfer before they are cut.
 */
export async function closeGracefully(server: Server, graceMs = 2_000): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const cutoff = setTimeout(() => server.closeAllConnections(), graceMs);
  cutoff.unref();
  try {
    await closed;
  } finally {
    clearTimeout(cutoff);
  }
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ErrorCode } from '../errors';
import type { Logger } from '../logger';
import { metricsText, type ServiceMetrics } from '../metrics';
import { checkReadiness, type ReadinessCheck } from './health';
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
  /** Routes by exact path; `/health/live`, `/health/ready` and `/metrics` are added to every server. */
  routes: Record<string, RouteHandler>;
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
    '/metrics': async (_req, res) => {
      res.writeHead(200, { 'content-type': options.metrics.registry.contentType });
      res.end(await metricsText(options.metrics));
    },
  };
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const handler = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
    const route = handler ? url.pathname : 'unmatched';
    response.on('finish', () =>
      options.metrics.httpRequests.inc({ route, status: String(response.statusCode) }),
    );
    if (!handler) return sendJson(response, 404, { error: 'not found' });
    Promise.resolve(handler(request, response, url)).catch((error: unknown) => {
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
export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

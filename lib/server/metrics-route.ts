import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { metricsText, type ServiceMetrics } from '../metrics';
import { sendJson } from './responses';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
export function hasBearerToken(request: IncomingMessage, token: string): boolean {
  const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
  // Digests have one length, so the comparison neither throws nor tells the token's length.
  return timingSafeEqual(digest(presented), digest(token));
}

/**
 * `/metrics`, for Prometheus only: it answers with a bearer token (METRICS_TOKEN), and without a configured token
 * it is not served at all. A token rather than a second port: every service keeps one port in both modes (five
 * services share a process in embedded mode), nothing changes behind a load balancer, and Prometheus sends it
 * natively (`authorization.credentials_file`). The series name models, deployments and operations, and the
 * process figures help an attacker time their load: not for the public port.
 */
export function createMetricsRoute(metrics: ServiceMetrics, token: string | undefined) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!token) return sendJson(response, 404, { error: 'not found' });
    if (!hasBearerToken(request, token)) {
      response.setHeader('www-authenticate', 'Bearer realm="metrics"');
      return sendJson(response, 401, { error: 'metrics require a bearer token' });
    }
    response.writeHead(200, { 'content-type': metrics.registry.contentType });
    response.end(await metricsText(metrics));
  };
}

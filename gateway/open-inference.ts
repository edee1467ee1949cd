/**
 * The Open Inference Protocol (KServe v2 REST) on the gateway's origin. The gateway answers health itself and
 * forwards the model endpoints (`/v2/models/…`) to the inference subgraph's own `/v2/` route, after authenticating
 * the request exactly as `/graphql` does and signing the caller: the subgraph resolves the name in the caller's
 * organization and predicts through its services.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER, routeBinding, signCaller } from '../lib/caller';
import { errors } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { checkReadiness, type ReadinessCheck } from '../lib/server/health';
import type { RouteHandler } from '../lib/server/http-server';
import { BodyTooLargeError, readBody } from '../lib/server/read-body';
import { RestError, sendRestError } from '../lib/server/rest-errors';
import { sendJson } from '../lib/server/responses';
import { injectTraceContext } from '../lib/tracing/propagation';
import { credentialsFromHeaders, type Authenticator } from './auth/authenticator';
import { resolveRequestId } from './context';

export interface OpenInferenceOptions {
  authenticator: Authenticator;
  /** The inference subgraph's GraphQL URL; its `/v2/` route is on the same origin. None: no model is served. */
  inferenceUrl: string | undefined;
  internalSecret: string;
  logger: Logger;
  maxRequestBytes: number;
  /** How long the inference subgraph may take to answer. */
  timeoutMs: number;
  /** The gateway's own readiness (every subgraph, the inference one included). */
  readiness: Record<string, ReadinessCheck>;
}

/** Response headers of the subgraph that mean something to the client. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'allow'];

/** `/v2/health/live`, `/v2/health/ready` and every model endpoint under `/v2/`. */
export function createOpenInferenceRoutes(options: OpenInferenceOptions): Record<string, RouteHandler> {
  return {
    // Health tells nothing of any organization: like /health/*, it needs no credentials (probes have none).
    '/v2/health/live': (_request, response) => sendJson(response, 200, { live: true }),
    '/v2/health/ready': async (_request, response) => {
      const report = await checkReadiness(options.readiness);
      if (report.status === 'UP') return sendJson(response, 200, { ready: true });
      const down = Object.entries(report.checks).filter(([, check]) => check.status === 'DOWN');
      sendJson(response, 503, { ready: false, error: `not ready: ${down.map(([name]) => name).join(', ')}` });
    },
    '/v2/*': (request, response, url) => forward(options, request, response, url),
  };
}

async function forward(
  options: OpenInferenceOptions,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const requestId = resolveRequestId(request.headers[REQUEST_ID_HEADER]);
  response.setHeader(REQUEST_ID_HEADER, requestId);
  const logger = options.logger.child({ requestId });
  try {
    const { caller } = await options.authenticator.authenticate(credentialsFromHeaders(request.headers));
    if (caller.kind === 'anonymous') throw errors.unauthenticated();
    if (!options.inferenceUrl) throw new RestError(404, 'This gateway serves no inference subgraph');
    const body = request.method === 'POST' ? await readLimited(request, options.maxRequestBytes) : undefined;
    const upstream = await fetchUpstream(options, logger, url, {
      method: request.method ?? 'GET',
      headers: injectTraceContext({
        'content-type': 'application/json',
        ...signCaller(options.internalSecret, caller, {
          audience: 'inference',
          request: routeBinding(request.method ?? 'GET', url.pathname, body),
        }),
        [REQUEST_ID_HEADER]: requestId,
      }),
      body,
    });
    const answer = Buffer.from(await upstream.arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    response.writeHead(upstream.status, headers);
    response.end(answer);
  } catch (error) {
    sendRestError(response, error, logger);
  }
}

async function readLimited(request: IncomingMessage, maxBytes: number): Promise<string> {
  try {
    return await readBody(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new RestError(413, `Request body exceeds ${maxBytes} bytes`);
    throw error;
  }
}

/** The subgraph's answer; one that does not come (refused, timed out) is the service being unavailable. */
async function fetchUpstream(
  options: OpenInferenceOptions,
  logger: Logger,
  url: URL,
  init: RequestInit,
): Promise<Response> {
  const target = new URL(url.pathname + url.search, options.inferenceUrl);
  try {
    return await fetch(target, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
  } catch (error) {
    logger.error({ err: error, url: target.href }, 'inference subgraph unreachable');
    throw new RestError(503, 'The inference service is unavailable; retry later');
  }
}

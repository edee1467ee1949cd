import type { IncomingMessage, ServerResponse } from 'node:http';
import { REQUEST_ID_HEADER } from '../lib/caller';
import type { RouteHandler } from '../lib/server/http-server';

/** Request headers a browser may send cross-origin: the credentials, the organization and the request id. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-api-key',
  'x-organization-id',
  REQUEST_ID_HEADER,
  'apollo-require-preflight',
].join(', ');
const EXPOSED_HEADERS = [REQUEST_ID_HEADER, 'retry-after'].join(', ');
const ALLOWED_METHODS = 'GET, POST, OPTIONS';
/** How long a browser may reuse a preflight answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * Whether `origin` is on the allow-list (CORS_ORIGINS): an exact origin, or `scheme://host:*` for any port of
 * that host. Nothing else is a wildcard: `*` would let every web page use a visitor's API key.
 */
export function createOriginMatcher(allowed: readonly string[]): (origin: string) => boolean {
  const exact = new Set(allowed.filter((origin) => !origin.endsWith(':*')));
  const anyPort = allowed.filter((origin) => origin.endsWith(':*')).map((origin) => origin.slice(0, -1));
  return (origin) => {
    const given = origin.toLowerCase();
    if (exact.has(given)) return true;
    return anyPort.some((prefix) => given.startsWith(prefix) && /^\d{1,5}$/.test(given.slice(prefix.length)));
  };
}

function isPreflight(request: IncomingMessage): boolean {
  return request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
}

function answerPreflight(response: ServerResponse, origin: string | undefined): void {
  if (!origin) {
    response.writeHead(403, { vary: 'Origin' });
    response.end();
    return;
  }
  response.writeHead(204, {
    vary: 'Origin',
    'access-control-allow-origin': origin,
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': PREFLIGHT_MAX_AGE,
  });
  response.end();
}

/**
 * CORS for a route: a browser on an allowed origin gets its preflight answered and `Access-Control-Allow-Origin`
 * naming its origin; any other origin gets a 403 preflight and no CORS header, so its page cannot read an answer.
 * Same-origin pages (the playground) need none of it. Credentials travel in headers, never in cookies, so
 * `Access-Control-Allow-Credentials` is not sent.
 */
export function withCors(allowedOrigins: readonly string[], handler: RouteHandler): RouteHandler {
  const allows = createOriginMatcher(allowedOrigins);
  return (request, response, url) => {
    const origin = request.headers.origin;
    const allowedOrigin = origin && allows(origin) ? origin : undefined;
    if (isPreflight(request)) return answerPreflight(response, allowedOrigin);
    // The answer depends on the Origin header: a shared cache must not hand one origin's answer to another.
    response.setHeader('vary', 'Origin');
    if (allowedOrigin) {
      response.setHeader('access-control-allow-origin', allowedOrigin);
      response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
    return handler(request, response, url);
  };
}

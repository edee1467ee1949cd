/**
 * The Open Inference Protocol's model endpoints on the inference subgraph, under `/v2/models/`. The gateway owns
 * the public route (credentials, health) and forwards these with the caller it signed; like `/graphql`, nothing
 * is served without that signature.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../../lib/logger';
import { routeBinding } from '../../../lib/caller';
import { BodyTooLargeError, readBody } from '../../../lib/server/read-body';
import { RestError, sendRestError } from '../../../lib/server/rest-errors';
import { sendJson } from '../../../lib/server/responses';
import type { SubgraphRouteHandler } from '../../../lib/server/subgraph-routes';
import type { InferenceContext } from '../context';
import type { OpenInferenceService } from './open-inference.service';

export const OPEN_INFERENCE_ROUTES = '/v2/*';

type Action = 'metadata' | 'ready' | 'infer';

interface Endpoint {
  action: Action;
  name: string;
  version?: string;
}

const METHOD: Record<Action, string> = { metadata: 'GET', ready: 'GET', infer: 'POST' };

/** The header of the protocol's binary tensor extension, which this server does not implement. */
const BINARY_EXTENSION_HEADER = 'inference-header-content-length';

/**
 * `/v2/models/{name}[/versions/{version}][/ready|/infer]`, each segment URL-decoded (a name with `/` comes as
 * `%2F`); 404 for another path, 405 for another method.
 */
function endpointOf(method: string, pathname: string): Endpoint {
  const segments = pathname.split('/').slice(1);
  const [v2, models, name, ...rest] = segments.map(decodeSegment);
  if (v2 !== 'v2' || models !== 'models' || !name) throw notAnEndpoint(method, pathname);
  let version: string | undefined;
  if (rest[0] === 'versions' && rest.length >= 2) version = rest.splice(0, 2)[1];
  const action: Action | undefined =
    rest.length === 0
      ? 'metadata'
      : rest.length === 1
        ? ({ ready: 'ready', infer: 'infer' } as const)[rest[0]]
        : undefined;
  if (!action || (version !== undefined && version === '')) throw notAnEndpoint(method, pathname);
  if (method !== METHOD[action])
    throw new RestError(405, `${method} is not served here; use ${METHOD[action]}`, {
      allow: METHOD[action],
    });
  return { action, name, version };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new RestError(400, `The path segment "${segment}" is not valid URL encoding`);
  }
}

const notAnEndpoint = (method: string, pathname: string) =>
  new RestError(404, `No Open Inference Protocol endpoint at ${method} ${pathname}`);

async function readText(request: IncomingMessage, maxBytes: number): Promise<string> {
  if (request.headers[BINARY_EXTENSION_HEADER] !== undefined)
    throw new RestError(400, 'The binary tensor data extension is not supported: send the tensors as JSON');
  try {
    return await readBody(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError)
      throw new RestError(413, `Request body exceeds ${maxBytes} bytes`);
    throw error;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new RestError(400, 'Malformed JSON in request body');
  }
}

function run(service: OpenInferenceService, endpoint: Endpoint, body: unknown) {
  const { name, version } = endpoint;
  switch (endpoint.action) {
    case 'metadata':
      return service.metadata(name, version);
    case 'ready':
      return service.ready(name, version);
    case 'infer':
      return service.infer(name, version, body);
  }
}

/** Errors are `{ "error": message }` with the status lib/server/rest-errors.ts gives their code. */
export function createOpenInferenceRoute(options: {
  maxRequestBytes: number;
  logger: Logger;
}): SubgraphRouteHandler<InferenceContext> {
  return async (request, response, url, contextOf) => {
    let logger = options.logger;
    try {
      const method = request.method ?? 'GET';
      const endpoint = endpointOf(method, url.pathname);
      const text = endpoint.action === 'infer' ? await readText(request, options.maxRequestBytes) : undefined;
      // The caller's signature covers the body too (lib/caller.ts routeBinding), so it is read first.
      const context = await contextOf(request, routeBinding(method, url.pathname, text));
      logger = context.logger;
      sendJson(
        response,
        200,
        await run(context.oip, endpoint, text === undefined ? undefined : parseJson(text)),
      );
    } catch (error) {
      sendRestError(response, error, logger);
    }
  };
}

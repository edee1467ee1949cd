import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { BodyTooLargeError, readBody } from './read-body';
import { sendGraphQLError } from './responses';

export interface ApolloHttpOptions<TContext extends BaseContext> {
  server: ApolloServer<TContext>;
  /** Builds the request's context; `body` is the parsed body (undefined for GET), for checks that bind to it. */
  context: (request: IncomingMessage, body: unknown) => Promise<TContext>;
  maxRequestBytes: number;
  /**
   * Refuses a request before Apollo Server sees it (HTTP 400 with the error's code): Apollo's plugins cannot
   * answer before the document is parsed and validated.
   */
  refuseRequest?: (request: GraphQLRequestFields) => GraphQLError | undefined;
}

/** The fields of a GraphQL request as the client sent them, unchecked. */
export interface GraphQLRequestFields {
  query?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

function parsedOrUndefined(json: string | null): unknown {
  try {
    return json === null ? undefined : JSON.parse(json);
  } catch {
    return undefined; // Apollo Server answers malformed JSON in GET parameters itself.
  }
}

/** The request's fields from a POST body or GET parameters, or undefined when it carries none to check. */
function requestFields(
  method: string | undefined,
  body: unknown,
  url: URL,
): GraphQLRequestFields | undefined {
  if (method === 'GET') {
    return {
      query: url.searchParams.get('query') ?? undefined,
      variables: parsedOrUndefined(url.searchParams.get('variables')),
      extensions: parsedOrUndefined(url.searchParams.get('extensions')),
    };
  }
  return body && typeof body === 'object' && !Array.isArray(body)
    ? (body as GraphQLRequestFields)
    : undefined;
}

/**
 * Serves Apollo Server from a plain `node:http` server. We own the HTTP layer so that the same server can carry
 * graphql-ws, health and metrics on one port, and so that malformed bodies get a GraphQL-shaped error.
 */
export function createApolloHttpHandler<TContext extends BaseContext>(options: ApolloHttpOptions<TContext>) {
  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown = undefined;
    if (request.method === 'POST') {
      let text: string;
      try {
        text = await readBody(request, options.maxRequestBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          return sendGraphQLError(
            response,
            413,
            `Request body exceeds ${options.maxRequestBytes} bytes`,
            ErrorCode.BadRequest,
          );
        }
        throw error;
      }
      const isJson = (headers.get('content-type') ?? '').includes('json');
      if (isJson) {
        try {
          body = text.length ? JSON.parse(text) : undefined;
        } catch {
          return sendGraphQLError(response, 400, 'Malformed JSON in request body', ErrorCode.BadRequest);
        }
      } else {
        body = text;
      }
    }
    const fields = options.refuseRequest && requestFields(request.method, body, url);
    const refused = fields && options.refuseRequest?.(fields);
    if (refused) {
      return sendGraphQLError(response, 400, refused.message, refused.extensions.code as ErrorCode);
    }
    const result = await options.server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
      context: () => options.context(request, body),
    });
    const responseHeaders: Record<string, string> = {};
    for (const [key, value] of result.headers) responseHeaders[key] = value;
    response.writeHead(result.status ?? 200, responseHeaders);
    if (result.body.kind === 'complete') {
      response.end(result.body.string);
      return;
    }
    for await (const chunk of result.body.asyncIterator) response.write(chunk);
    response.end();
  };
}

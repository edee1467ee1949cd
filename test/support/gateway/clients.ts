import { createClient, type Client, type FormattedExecutionResult, type SubscribePayload } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLHttpResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

export async function postGraphQL(
  url: string,
  body: { query: string; variables?: Record<string, unknown>; operationName?: string },
  headers: Record<string, string> = {},
): Promise<GraphQLHttpResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLHttpResponse['body'],
  };
}

/** A graphql-ws client that does not retry, so a refused or closed connection surfaces at once. */
export function connect(url: string, connectionParams: Record<string, unknown> = {}): Client {
  return createClient({ url, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

/** One subscription observed by a test: what arrived, and how it ended. */
export interface Observed {
  results: FormattedExecutionResult<Record<string, unknown>, unknown>[];
  /** Resolves when the server completes the subscription or it fails; `error` holds the failure. */
  ended: Promise<{ error?: unknown }>;
  unsubscribe(): void;
}

/** Subscribes to `query` (a document, or a whole graphql-ws payload) and records what arrives. */
export function observe(
  client: Client,
  query: string | SubscribePayload,
  variables: Record<string, unknown> = {},
  extensions?: Record<string, unknown>,
): Observed {
  const results: Observed['results'] = [];
  let unsubscribe!: () => void;
  const payload =
    typeof query === 'string' ? { query, variables, ...(extensions ? { extensions } : {}) } : query;
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    unsubscribe = client.subscribe(payload, {
      next: (result) => results.push(result),
      error: (error) => resolve({ error }),
      complete: () => resolve({}),
    });
  });
  return { results, ended, unsubscribe };
}

/** Runs a query or mutation over a socket and returns its single result; rejects with what ended it early. */
export async function executeOverSocket(
  client: Client,
  query: string | SubscribePayload,
  variables: Record<string, unknown> = {},
): Promise<Observed['results'][number]> {
  const observed = observe(client, query, variables);
  const { error } = await observed.ended;
  // Rethrown as received: a close event (code, reason) or the GraphQL errors of an Error message.
  if (error) throw error;
  return observed.results[0];
}

/**
 * Sends one graphql-ws `subscribe` whose payload is given as JSON text, for payloads a client cannot stringify
 * (variables nested deeper than JSON.stringify recurses), and resolves with the server's first answer to it
 * (`next` or `error`) or the close that ended the socket.
 */
export async function subscribeRaw(
  url: string,
  payloadJson: string,
): Promise<{ type: string; payload?: unknown } | { closed: number }> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  try {
    return await new Promise((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: {} })));
      socket.on('message', (data: Buffer) => {
        const message = JSON.parse(data.toString('utf8')) as { type: string; payload?: unknown };
        if (message.type === 'connection_ack') {
          socket.send(`{"id":"raw","type":"subscribe","payload":${payloadJson}}`);
        } else if (message.type === 'next' || message.type === 'error') {
          resolve(message);
        }
      });
      socket.on('close', (code: number) => resolve({ closed: code }));
      socket.on('error', reject);
    });
  } finally {
    socket.close();
  }
}

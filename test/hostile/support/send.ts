import { bearer } from '../../support/graphql-client';
import type { Answer } from './corpus';
import type { CorpusContext, Tenant } from './context';

/** Who sends a request: organization A's user, B's user, or nobody. */
export type Actor = 'a' | 'b' | 'anonymous';

export function credentials(context: CorpusContext, actor: Actor): Record<string, string> {
  return actor === 'anonymous' ? {} : bearer(tenantOf(context, actor).token);
}

export const tenantOf = (context: CorpusContext, actor: 'a' | 'b'): Tenant => context[actor];

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** Sends one HTTP request and records the answer; the body is read whole (the size invariant needs it). */
export async function sendHttp(request: HttpRequest): Promise<Answer> {
  const method = request.method ?? 'GET';
  const response = await fetch(request.url, {
    method,
    headers: request.headers,
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
  const body = await response.text();
  const sentBody = typeof request.body === 'string' ? request.body : (request.body?.toString('latin1') ?? '');
  return {
    transport: 'http',
    status: response.status,
    body,
    sent: `${method} ${request.url}\n${JSON.stringify(request.headers ?? {})}\n${sentBody}`,
  };
}

export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** @default 'b' */
  as?: Actor;
  headers?: Record<string, string>;
}

/** POSTs a GraphQL request to the gateway as `as` (organization B's user unless said otherwise). */
export function sendGraphQL(context: CorpusContext, request: GraphQLRequest): Promise<Answer> {
  const body: Record<string, unknown> = { query: request.query, variables: request.variables ?? {} };
  if (request.operationName !== undefined) body.operationName = request.operationName;
  return sendRawGraphQL(context, JSON.stringify(body), request.as ?? 'b', request.headers);
}

/** POSTs a body as it is (malformed JSON, batches, documents too big to build as objects). */
export function sendRawGraphQL(
  context: CorpusContext,
  body: string,
  as: Actor = 'b',
  headers: Record<string, string> = {},
): Promise<Answer> {
  return sendHttp({
    url: context.target.gatewayUrl,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...credentials(context, as), ...headers },
    body,
  });
}

/** The error codes of a GraphQL answer (an unparsable body has none). */
export function errorCodes(answer: Answer): string[] {
  const codes: string[] = [];
  for (const line of answer.transport === 'ws' ? answer.body.split('\n') : [answer.body]) {
    try {
      collectCodes(JSON.parse(line), codes);
    } catch {
      // not JSON
    }
  }
  return codes;
}

function collectCodes(value: unknown, codes: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) collectCodes(item, codes);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const extensions = record.extensions as Record<string, unknown> | undefined;
    if (typeof extensions?.code === 'string') codes.push(extensions.code);
    for (const key of ['errors', 'payload']) if (key in record) collectCodes(record[key], codes);
  }
}

/** The `data` of a GraphQL HTTP answer, or undefined. */
export function dataOf(answer: Answer): Record<string, unknown> | null | undefined {
  try {
    return (JSON.parse(answer.body) as { data?: Record<string, unknown> | null }).data;
  } catch {
    return undefined;
  }
}

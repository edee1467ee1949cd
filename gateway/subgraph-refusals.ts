import { GraphQLError } from 'graphql';
import { ErrorCode, errors, isExpectedError, isKnownErrorCode } from '../lib/errors';

/** A subgraph's non-2xx answer, as read once by the data source. */
export interface SubgraphAnswer {
  status: number;
  /** The body, as text (possibly cut for the log). */
  body: string;
  /** The `Retry-After` header, if any. */
  retryAfter: string | null;
}

// Extensions of a subgraph's error that describe the subgraph, not the client's request.
const INTERNAL_EXTENSIONS = new Set(['stacktrace', 'exception', 'serviceName', 'response', 'http']);

/** The first error of a GraphQL body whose code a client can act on, rebuilt with its code and safe extensions. */
function firstClientError(body: string): GraphQLError | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(list)) return undefined;
  for (const item of list as { message?: unknown; extensions?: Record<string, unknown> }[]) {
    const code = item?.extensions?.code;
    if (typeof item?.message !== 'string' || !isKnownErrorCode(code) || code === ErrorCode.Internal) continue;
    const extensions = Object.fromEntries(
      Object.entries(item.extensions ?? {}).filter(([key]) => !INTERNAL_EXTENSIONS.has(key)),
    );
    const error = new GraphQLError(item.message, { extensions: { ...extensions, code } });
    if (isExpectedError(error)) return error;
  }
  return undefined;
}

function retryAfterSeconds(answer: SubgraphAnswer): number {
  const header = Number(answer.retryAfter);
  if (Number.isFinite(header) && header >= 0) return Math.ceil(header);
  const fromBody = firstClientError(answer.body)?.extensions.retryAfterSeconds;
  return typeof fromBody === 'number' && fromBody >= 0 ? fromBody : 1;
}

/**
 * The client error a subgraph's 4xx answer stands for, or undefined when the failure is the gateway's own. A 400
 * with GraphQL errors (a value the subgraph's scalar refuses, a page size out of range) keeps their codes; 413
 * (the operation made the gateway send more than the subgraph accepts) is BAD_USER_INPUT; 429 is RATE_LIMITED.
 * 401 and 403 stay internal: a subgraph answers them to a gateway whose signature it refuses (lib/caller.ts),
 * which no client can fix, and a client's own authorization failures come as GraphQL errors in a 200 answer.
 */
export function clientErrorForSubgraphAnswer(answer: SubgraphAnswer): GraphQLError | undefined {
  switch (answer.status) {
    case 400:
      return firstClientError(answer.body);
    case 413:
      return errors.badInput(
        'The operation makes the gateway send a service more than it accepts in one request; ask for less at once',
      );
    case 429:
      return errors.rateLimited(retryAfterSeconds(answer));
    default:
      return undefined;
  }
}

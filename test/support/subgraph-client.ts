import { randomBytes } from 'node:crypto';
import { graphqlRequestBinding, signCaller, type Caller } from '../../lib/caller';

/** A secret for tests that talk to subgraphs directly, as the gateway would. */
export const TEST_INTERNAL_SECRET = randomBytes(32).toString('hex');

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A subgraph as a test reaches it: its name (the audience of the caller signature) and its GraphQL URL. */
export interface SubgraphTarget {
  name: string;
  url: string;
}

/** Calls a subgraph over HTTP with a caller signed the way the gateway signs it (for this subgraph and request). */
export async function callSubgraph<T = Record<string, unknown>>(
  target: SubgraphTarget,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
  secret = TEST_INTERNAL_SECRET,
): Promise<GraphQLResponse<T>> {
  const signed = signCaller(secret, caller, {
    audience: target.name,
    request: graphqlRequestBinding(query, variables),
  });
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signed },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

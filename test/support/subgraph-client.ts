import { randomBytes } from 'node:crypto';
import { signCaller, type Caller } from '../../lib/caller';

/** A secret for tests that talk to subgraphs directly, as the gateway would. */
export const TEST_INTERNAL_SECRET = randomBytes(32).toString('hex');

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** Calls a subgraph over HTTP with a caller signed the way the gateway signs it. */
export async function callSubgraph<T = Record<string, unknown>>(
  url: string,
  caller: Caller,
  query: string,
  variables: Record<string, unknown> = {},
  secret = TEST_INTERNAL_SECRET,
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signCaller(secret, caller) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...body };
}

/**
 * How one subgraph asks another over the graph's internal path: an HTTP GraphQL call to the other subgraph with
 * the request's caller signed as the gateway signs it, so the other side applies its own organization scope and
 * roles. No subgraph reads another's tables; this is the only way across.
 */
import { graphqlRequestBinding, signCaller, type AuthenticatedCaller } from './caller';
import { subgraphUrl, type Config, type SubgraphName } from './config';
import { errors } from './errors';
import { injectTraceContext } from './tracing/propagation';

export interface InternalAnswer<T> {
  /** The HTTP status, for messages. */
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * The other subgraph's answer, GraphQL errors included (the caller decides what they mean). SERVICE_UNAVAILABLE
 * when no GraphQL answer comes back (refused connection, timeout, a proxy's error page): the operation depends on
 * a service that is down, which the client can retry, and which is no fault of its input.
 */
export async function queryInternal<T>(
  config: Config,
  subgraph: SubgraphName,
  caller: AuthenticatedCaller,
  query: string,
  variables: Record<string, unknown>,
  fetchImpl: typeof fetch = fetch,
): Promise<InternalAnswer<T>> {
  const unavailable = (reason: string) =>
    errors.serviceUnavailable(`The ${subgraph} service could not be reached (${reason}); try again`);
  let response: Response;
  let body: string;
  try {
    response = await fetchImpl(subgraphUrl(config, subgraph), {
      method: 'POST',
      headers: injectTraceContext({
        'content-type': 'application/json',
        ...signCaller(config.internalSecret, caller, {
          audience: subgraph,
          request: graphqlRequestBinding(query, variables),
        }),
      }),
      body: JSON.stringify({ query, variables }),
      signal: AbortSignal.timeout(config.subgraphTimeoutMs),
    });
    body = await response.text();
  } catch (error) {
    throw unavailable(reasonOf(error));
  }
  try {
    return { status: response.status, ...(JSON.parse(body) as Omit<InternalAnswer<T>, 'status'>) };
  } catch {
    throw unavailable(`it answered ${response.status} without a GraphQL response`);
  }
}

/** `fetch failed` alone says nothing: its cause names the refusal (ECONNREFUSED…) or the timeout. */
function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if ((error as Error).name === 'TimeoutError') return 'no answer in time';
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { anonymousCaller, graphqlRequestBinding, REQUEST_ID_HEADER, signCaller } from '../lib/caller';
import { ErrorCode } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { injectTraceContext } from '../lib/tracing/propagation';
import type { GatewayContext } from './context';
import { clientErrorForSubgraphAnswer } from './subgraph-refusals';

export interface CallerForwardingDataSourceOptions {
  /** The subgraph's name: the audience of the caller signatures sent to it, and a label in logs. */
  name: string;
  url: string;
  /** Signs the caller for the subgraph (lib/caller.ts). */
  internalSecret: string;
  /** Logs failures of fetches made outside a request (a request's own logger is used when there is one). */
  logger: Logger;
  /** How long one subgraph fetch may take, response body included, before it is aborted. */
  timeoutMs: number;
}

// What a failed subgraph answer may show in the gateway's logs: enough to diagnose, bounded.
const LOGGED_BODY_CHARS = 1_000;

/** Node's own fetch, every call bounded by `timeoutMs` (and by the caller's signal, if any). */
export function createTimedFetcher(timeoutMs: number): Fetcher {
  return (url, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal as AbortSignal, timeout]) : timeout;
    return fetch(url, { ...init, signal }) as unknown as Promise<FetcherResponse>;
  };
}

/**
 * Sends a subgraph fetch with the caller signed by the gateway and the request id, so the subgraph trusts who
 * is calling and its logs line up with the gateway's. Health checks and schema loads go out as anonymous.
 *
 * A fetch that fails (no answer in time, a refused connection, a 5xx answer) is the gateway's failure, not the
 * client's: it is logged here with the request id, subgraph URL, status and body, and the client sees only
 * INTERNAL_SERVER_ERROR. A 4xx answer that the client's request caused (subgraph-refusals.ts: 400 with GraphQL
 * errors, 413, 429) reaches the client as that client error, never with the subgraph's address. By default
 * @apollo/gateway would pass a 401/403 on as UNAUTHENTICATED/FORBIDDEN with `extensions.response { url, status,
 * body }`, telling the client the subgraph's address and internals.
 */
export class CallerForwardingDataSource extends RemoteGraphQLDataSource<Partial<GatewayContext>> {
  private readonly options: CallerForwardingDataSourceOptions;
  /** The client error each refused fetch stands for, from errorFromResponse to didEncounterError. */
  private readonly clientErrors = new WeakMap<Error, GraphQLError>();

  constructor(options: CallerForwardingDataSourceOptions) {
    // Node's own fetch (undici, keep-alive) instead of the default make-fetch-happen, whose HTTP-cache layer costs
    // the gateway CPU on every subgraph fetch and buys nothing for POSTed GraphQL.
    super({ url: options.url, fetcher: createTimedFetcher(options.timeoutMs) });
    this.options = options;
  }

  override willSendRequest({
    request,
    context,
  }: GraphQLDataSourceProcessOptions<Partial<GatewayContext>>): void {
    const headers = request.http!.headers;
    for (const [name, value] of Object.entries(
      signCaller(
        this.options.internalSecret,
        context.caller ?? anonymousCaller,
        {
          audience: this.options.name,
          request: graphqlRequestBinding(request.query, request.variables),
        },
        { clientAddress: context.clientAddress },
      ),
    )) {
      headers.set(name, value);
    }
    if (context.requestId) headers.set(REQUEST_ID_HEADER, context.requestId);
    // Called inside @apollo/gateway's `gateway.fetch` span, which the subgraph's request span continues.
    for (const [name, value] of Object.entries(injectTraceContext({}))) headers.set(name, value);
  }

  /** Describes a non-2xx answer for the log; didEncounterError keeps it from the client. */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const body = await response.text().catch(() => '');
    const error = this.describeAnswer(response, body);
    const clientError = clientErrorForSubgraphAnswer({
      status: response.status,
      body,
      retryAfter: response.headers.get('retry-after'),
    });
    if (clientError) this.clientErrors.set(error, clientError);
    return error;
  }

  private describeAnswer(response: FetcherResponse, body: string): GraphQLError {
    return new GraphQLError(`Subgraph ${this.options.name} answered HTTP ${response.status}`, {
      extensions: {
        response: {
          url: response.url,
          status: response.status,
          body: body.length > LOGGED_BODY_CHARS ? `${body.slice(0, LOGGED_BODY_CHARS)}…` : body,
        },
      },
    });
  }

  /** Every failed fetch: log it with the request id, then fail it as the client's error or an internal one. */
  override didEncounterError(
    error: Error,
    _fetchRequest: unknown,
    _fetchResponse?: FetcherResponse,
    context?: Partial<GatewayContext>,
  ): never {
    const logger = context?.logger ?? this.options.logger;
    const response = error instanceof GraphQLError ? error.extensions.response : undefined;
    const clientError = this.clientErrors.get(error);
    if (clientError) {
      logger.info({ subgraph: this.options.name, response }, 'subgraph refused the request');
      throw clientError;
    }
    logger.error(
      { err: error, subgraph: this.options.name, url: this.url, ...(response ? { response } : {}) },
      'subgraph fetch failed',
    );
    // `serviceName` tells the error formatter that this failure was logged already (lib/format-error.ts).
    throw new GraphQLError('Internal server error', {
      extensions: { code: ErrorCode.Internal, serviceName: this.options.name },
    });
  }
}

import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type {
  DocumentNode,
  ExecutionArgs,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
} from 'graphql';
import type { ExecutionResult, FormattedExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import {
  graphqlRequestBinding,
  REQUEST_ID_HEADER,
  readHeader,
  WEBSOCKET_BINDING,
  type SignedCall,
} from '../caller';
import { logUnexpectedError } from '../format-error';
import { guardInputText } from '../graphql/input-guard';
import type { Logger } from '../logger';
import { createServiceMetrics, type ServiceMetrics } from '../metrics';
import { createApolloHttpHandler } from './apollo-http';
import { createAuditPlugin, type AuditRecorder } from './audit-plugin';
import type { ReadinessCheck } from './health';
import { closeServer, createHttpServer, listen } from './http-server';
import { tracedRoutes } from '../tracing/http-spans';
import { traceRootFields } from '../tracing/root-field-spans';
import { createOperationMetricsPlugin } from './operation-metrics-plugin';
import {
  createSubgraphRequests,
  type ErrorFormatter,
  type RequestBase,
  type SubgraphRequests,
} from './subgraph-requests';

import { boundedDocumentStore } from './document-cache';
import { ownRoutes, requestContext, type SubgraphRouteHandler } from './subgraph-routes';

export type { RequestBase } from './subgraph-requests';
export type { RequestContext, SubgraphRouteHandler } from './subgraph-routes';

export interface SubgraphDefinition<TContext extends object> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Adds the subgraph's services (with a request-scoped entity manager and loaders) to the base context. */
  createContext(base: RequestBase): TContext | Promise<TContext>;
  readiness: Record<string, ReadinessCheck>;
  /**
   * Extra HTTP routes beside `/graphql`: identity serves its JWKS this way, inference the Open Inference Protocol
   * (keys ending in `/*` are prefixes, see http-server.ts).
   */
  routes?: Record<string, SubgraphRouteHandler<TContext>>;
  /**
   * Stops the subgraph's background work (e.g. the registry's artifact sweeper). Called once the server no longer
   * accepts requests and before the database closes.
   */
  stopBackgroundWork?(): Promise<void>;
}

export interface SubgraphServerOptions {
  port: number;
  host: string;
  internalSecret: string;
  logger: Logger;
  exposeStack: boolean;
  maxRequestBytes: number;
  /** The service's metrics, when the subgraph registered series of its own on them; a fresh set otherwise. */
  metrics?: ServiceMetrics;
  /** Receives an audit event for every root mutation field executed (audit-plugin.ts); none when absent. */
  audit?: AuditRecorder;
  /** The bearer token `/metrics` requires; without one `/metrics` is not served. */
  metricsToken?: string;
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * The operation and variables a request runs, which its caller signature must be for: the body of a POST, the
 * query string of a GET (the gateway only POSTs; a GET is bound to what it would run, never to an empty query).
 */
function signedFields(request: IncomingMessage, body: unknown): { query?: unknown; variables?: unknown } {
  if (request.method !== 'GET') return (body ?? {}) as { query?: unknown; variables?: unknown };
  const params = new URL(request.url ?? '/', 'http://subgraph').searchParams;
  const variables = params.get('variables');
  let parsed: unknown = variables;
  try {
    parsed = variables === null ? undefined : JSON.parse(variables);
  } catch {
    // Unparseable variables are Apollo's to refuse; bound as sent, they match no signature.
  }
  return { query: params.get('query') ?? undefined, variables: parsed };
}

const SUBGRAPH_DOCUMENT_CACHE_BYTES = 4 * 1024 * 1024;

async function startApollo<TContext extends object>(
  name: string,
  schema: GraphQLSchema,
  metrics: ServiceMetrics,
  formatError: ErrorFormatter,
  options: SubgraphServerOptions,
): Promise<ApolloServer<TContext>> {
  const { logger } = options;
  const apollo = new ApolloServer<TContext>({
    schema,
    // Subgraphs parse what the gateway's planner writes: a small working set for the platform's own operations.
    documentStore: boundedDocumentStore(SUBGRAPH_DOCUMENT_CACHE_BYTES),
    formatError,
    includeStacktraceInErrorResponses: options.exposeStack,
    logger,
    // The gateway sends whole documents; a persisted-query hash would run a document the signature never saw.
    persistedQueries: false,
    // Inline traces feed Apollo Studio, which this platform does not use; they would only cost time.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      createOperationMetricsPlugin(metrics),
      ...(options.audit ? [createAuditPlugin<TContext>({ subgraph: name, recorder: options.audit })] : []),
      {
        async requestDidStart({ contextValue }) {
          return {
            async didEncounterErrors({ errors: encountered }) {
              for (const error of encountered)
                logUnexpectedError((contextValue as RequestBase).logger ?? logger, error);
            },
          };
        },
      },
    ],
  });
  await apollo.start();
  return apollo;
}

/** Logs a result's unexpected errors with the request's logger and shapes them all; undefined when none. */
function shapeResult(
  result: ExecutionResult,
  args: ExecutionArgs,
  formatError: ErrorFormatter,
): FormattedExecutionResult | undefined {
  if (!result.errors) return undefined;
  for (const error of result.errors) logUnexpectedError((args.contextValue as RequestBase).logger, error);
  return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
}

/** Errors thrown before an operation runs (e.g. by a subscription's source), logged and shaped the same way. */
function shapeErrors(
  thrown: readonly GraphQLError[],
  logger: Logger,
  formatError: ErrorFormatter,
): GraphQLFormattedError[] {
  for (const error of thrown) logUnexpectedError(logger, error);
  return thrown.map((e) => formatError(e.toJSON(), e));
}

/** graphql-ws on `/graphql`, for the subscriptions the gateway relays. */
function attachGraphQLWs<TContext extends object>(
  httpServer: Server,
  schema: GraphQLSchema,
  requests: SubgraphRequests<TContext>,
  metrics: ServiceMetrics,
  options: SubgraphServerOptions,
): { dispose(): Promise<void> } {
  const { formatError } = requests;
  // A connection is authenticated once, when it opens; the gateway multiplexes many operations of one caller on it.
  const callers = new WeakMap<object, SignedCall>();
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxRequestBytes,
  });
  const cleanup = useServer(
    {
      schema,
      onConnect: (ctx) => {
        try {
          callers.set(ctx, requests.authenticate(ctx.connectionParams, WEBSOCKET_BINDING));
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx, _id, payload) =>
        requests.contextFor(
          callers.get(ctx)!,
          readHeader(payload.extensions ?? undefined, REQUEST_ID_HEADER) ?? randomUUID(),
        ),
      onOperation: () => {
        metrics.activeSubscriptions.inc();
      },
      onComplete: () => {
        metrics.activeSubscriptions.dec();
      },
      onNext: (_ctx, _id, _payload, args: ExecutionArgs, result) => shapeResult(result, args, formatError),
      onError: (_ctx, _id, _payload, thrown) => shapeErrors(thrown, options.logger, formatError),
    },
    wsServer,
  );
  return {
    async dispose() {
      await cleanup.dispose();
      wsServer.close();
    },
  };
}

/** Listens on the configured port; on failure, stops what was started and rethrows. */
async function listenOrStop(
  httpServer: Server,
  options: SubgraphServerOptions,
  stop: () => Promise<void>,
): Promise<number> {
  try {
    return await listen(httpServer, options.port, options.host);
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Serves one subgraph: GraphQL over HTTP and graphql-ws on `/graphql`, health and metrics. Every operation must
 * carry a caller signed by the gateway; nothing reaches a resolver without one.
 */
export async function startSubgraphServer<TContext extends object>(
  definition: SubgraphDefinition<TContext>,
  options: SubgraphServerOptions,
): Promise<RunningService> {
  const logger = options.logger;
  const metrics = options.metrics ?? createServiceMetrics(definition.name);
  const schema: GraphQLSchema = buildSubgraphSchema({
    typeDefs: definition.typeDefs,
    resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
  });
  guardInputText(schema);
  traceRootFields(schema, definition.name);
  const requests = createSubgraphRequests({
    name: definition.name,
    createContext: (base) => definition.createContext(base),
    internalSecret: options.internalSecret,
    logger,
    exposeStack: options.exposeStack,
  });
  const contextOf = requestContext(requests);
  const apollo = await startApollo<TContext>(definition.name, schema, metrics, requests.formatError, options);
  const httpServer = createHttpServer({
    logger,
    metrics,
    metricsToken: options.metricsToken,
    readiness: definition.readiness,
    routes: tracedRoutes(definition.name, {
      ...ownRoutes(definition.routes, contextOf),
      '/graphql': createApolloHttpHandler({
        server: apollo,
        maxRequestBytes: options.maxRequestBytes,
        // The signature must be for this very operation and variables (lib/caller.ts).
        context: (request, body) => {
          const { query, variables } = signedFields(request, body);
          return contextOf(request, graphqlRequestBinding(query, variables));
        },
      }),
    }),
  });
  const ws = attachGraphQLWs(httpServer, schema, requests, metrics, options);

  const stop = async () => {
    await ws.dispose();
    await closeServer(httpServer);
    await apollo.stop();
  };
  const port = await listenOrStop(httpServer, options, stop);
  logger.info({ port }, `${definition.name} subgraph ready`);
  return { name: definition.name, port, url: `http://127.0.0.1:${port}/graphql`, stop };
}

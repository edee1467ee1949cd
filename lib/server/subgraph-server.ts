import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode, ExecutionArgs, GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import {
  CALLER_HEADER,
  CALLER_SIGNATURE_HEADER,
  CallerVerificationError,
  REQUEST_ID_HEADER,
  readHeader,
  verifyCaller,
  type Caller,
} from '../caller';
import { errors, withHttpStatus } from '../errors';
import { createErrorFormatter, logUnexpectedError } from '../format-error';
import type { Logger } from '../logger';
import { createServiceMetrics } from '../metrics';
import { createApolloHttpHandler } from './apollo-http';
import type { ReadinessCheck } from './health';
import { closeServer, createHttpServer, listen, type RouteHandler } from './http-server';
import { createOperationMetricsPlugin } from './operation-metrics-plugin';

/** What every subgraph resolver receives, before the subgraph adds its own services. */
export interface RequestBase {
  caller: Caller;
  requestId: string;
  logger: Logger;
}

export interface SubgraphDefinition<TContext extends object> {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /** Adds the subgraph's services (with a request-scoped entity manager and loaders) to the base context. */
  createContext(base: RequestBase): TContext | Promise<TContext>;
  readiness: Record<string, ReadinessCheck>;
  /** Extra HTTP routes beside `/graphql` (identity serves its JWKS this way). */
  routes?: Record<string, RouteHandler>;
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
}

export interface RunningService {
  name: string;
  url: string;
  port: number;
  stop(): Promise<void>;
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
  const metrics = createServiceMetrics(definition.name);
  const schema: GraphQLSchema = buildSubgraphSchema({
    typeDefs: definition.typeDefs,
    resolvers: definition.resolvers as GraphQLResolverMap<unknown>,
  });
  // Unexpected errors are logged with the request's logger (plugin and onNext below), not by the formatter.
  const formatError = createErrorFormatter(undefined, { exposeStack: options.exposeStack });

  const authenticate = (source: Record<string, unknown> | undefined): Caller => {
    try {
      return verifyCaller(
        options.internalSecret,
        readHeader(source, CALLER_HEADER),
        readHeader(source, CALLER_SIGNATURE_HEADER),
      );
    } catch (error) {
      if (error instanceof CallerVerificationError) {
        throw withHttpStatus(
          errors.unauthenticated(`Unauthenticated call to the ${definition.name} subgraph: ${error.message}`),
          401,
        );
      }
      throw error;
    }
  };
  const contextFor = async (caller: Caller, requestId: string) =>
    definition.createContext({ caller, requestId, logger: logger.child({ requestId }) });

  const apollo = new ApolloServer<TContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: options.exposeStack,
    logger,
    // Inline traces feed Apollo Studio, which this platform does not use; they would only cost time.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      createOperationMetricsPlugin(metrics),
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

  const httpServer = createHttpServer({
    logger,
    metrics,
    readiness: definition.readiness,
    routes: {
      ...definition.routes,
      '/graphql': createApolloHttpHandler({
        server: apollo,
        maxRequestBytes: options.maxRequestBytes,
        context: async (request: IncomingMessage) => {
          const caller = authenticate(request.headers as Record<string, unknown>);
          const requestId =
            readHeader(request.headers as Record<string, unknown>, REQUEST_ID_HEADER) ?? randomUUID();
          return contextFor(caller, requestId);
        },
      }),
    },
  });

  // A connection is authenticated once, when it opens; the gateway multiplexes many operations of one caller on it.
  const callers = new WeakMap<object, Caller>();
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: options.maxRequestBytes,
  });
  const wsCleanup = useServer(
    {
      schema,
      onConnect: (ctx) => {
        try {
          callers.set(ctx, authenticate(ctx.connectionParams));
          return true;
        } catch {
          return false;
        }
      },
      context: (ctx, _id, payload) =>
        contextFor(
          callers.get(ctx)!,
          readHeader(payload.extensions ?? undefined, REQUEST_ID_HEADER) ?? randomUUID(),
        ),
      onOperation: () => {
        metrics.activeSubscriptions.inc();
      },
      onComplete: () => {
        metrics.activeSubscriptions.dec();
      },
      onNext: (_ctx, _id, _payload, args: ExecutionArgs, result) => {
        if (!result.errors) return undefined;
        for (const error of result.errors)
          logUnexpectedError((args.contextValue as RequestBase).logger, error);
        return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
      },
      // Errors thrown before an operation runs (e.g. by a subscription's source) get the same shaping.
      onError: (_ctx, _id, _payload, thrown) => {
        for (const error of thrown) logUnexpectedError(logger, error);
        return thrown.map((e) => formatError(e.toJSON(), e));
      },
    },
    wsServer,
  );

  const stop = async () => {
    await wsCleanup.dispose();
    wsServer.close();
    await closeServer(httpServer);
    await apollo.stop();
  };
  let port: number;
  try {
    port = await listen(httpServer, options.port, options.host);
  } catch (error) {
    await stop();
    throw error;
  }
  logger.info({ port }, `${definition.name} subgraph ready`);
  return { name: definition.name, port, url: `http://127.0.0.1:${port}/graphql`, stop };
}

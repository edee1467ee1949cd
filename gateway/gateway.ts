import type { Server } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { createErrorFormatter } from '../lib/format-error';
import { adoptScalarParsing } from '../lib/graphql/scalars';
import type { Logger } from '../lib/logger';
import type { IntrospectionPolicy } from '../lib/security-config';
import { createServiceMetrics, type ServiceMetrics } from '../lib/metrics';
import { closeServer, createHttpServer, listen, type RouteHandler } from '../lib/server/http-server';
import { boundedDocumentStore } from '../lib/server/document-cache';
import { createOperationMetricsPlugin } from '../lib/server/operation-metrics-plugin';
import { tracedRoutes } from '../lib/tracing/http-spans';
import type { Authenticator } from './auth/authenticator';
import type { GatewayContext } from './context';
import { withCors } from './cors';
import { CallerForwardingDataSource } from './data-source';
import { createGraphQLRoute, rejectUnrunnableOperations } from './http-route';
import { introspectionPolicyPlugin } from './introspection';
import { createRequestGuard, type GatewayLimits, type RequestGuard } from './limits';
import { apolloLimitOptions } from './operation-limits/apollo-options';
import { createOpenInferenceRoutes } from './open-inference';
import { createPlaygroundAssets } from './playground/assets';
import { playgroundHtml } from './playground/page';
import { subgraphReadinessChecks } from './readiness';
import { loadFederatedSchema, type FederatedSchema } from './subscription/federated-schema';
import { createFederatedSubscriptions } from './subscription/federated-subscriptions';
import type { SocketLimits } from './subscription/socket-quotas';
import { createUpstreamPool } from './subscription/upstream-pool';
import { attachGraphQLWs } from './subscription/ws-server';

export type { GatewayLimits } from './limits';

// @apollo/gateway reports usage to Apollo's servers unless told not to, and a self-hosted platform must not. It
// reads this switch when an ApolloGateway is constructed, so it is set once, as soon as the gateway is loaded; an
// operator's own value wins.
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

export interface GatewayOptions {
  /** The composed supergraph. Its subgraph URLs are placeholders: subgraphs are reached by name. */
  supergraphSdl: string;
  /** Subgraph name → `http://host:port/graphql`; graphql-ws is expected on the same URL. */
  subgraphUrls: Record<string, string>;
  /** Port to listen on (0 picks a free one). */
  port: number;
  host: string;
  /** Signs the caller for subgraphs (lib/caller.ts). */
  internalSecret: string;
  logger: Logger;
  /** Stack traces in error responses: development only. */
  exposeStack: boolean;
  limits: GatewayLimits;
  authenticator: Authenticator;
  /**
   * How long an upstream subscription socket with no subscription left stays open.
   * @default 5000
   */
  upstreamIdleTimeoutMs?: number;
  /**
   * How long one subgraph fetch may take before it is aborted; the client then sees INTERNAL_SERVER_ERROR.
   * @default 30000
   */
  subgraphTimeoutMs?: number;
  /**
   * Reverse proxies in front of the gateway whose X-Forwarded-For is believed for the client address subgraphs
   * are told (audit events); 0 takes the connection's peer address.
   * @default 0
   */
  trustedProxyHops?: number;
  /** WebSocket connections and subscriptions per client, and the subscription caches' budget. */
  sockets?: SocketLimits;
  /** The bearer token `/metrics` requires; without one `/metrics` is not served. */
  metricsToken?: string;
  /**
   * Who may introspect the schema (INTROSPECTION).
   * @default 'public'
   */
  introspection?: IntrospectionPolicy;
  /**
   * Cross-origin browsers allowed on `/graphql` and `/v2/…` (CORS_ORIGINS); others get no CORS headers.
   * @default [] (same origin only)
   */
  corsOrigins?: string[];
}

export interface RunningGateway {
  /** `http://host:port/graphql`; subscriptions on the same URL with ws://. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';
/** Parsed and validated client documents kept (see lib/server/document-cache.ts). */
const GATEWAY_DOCUMENT_CACHE_BYTES = 16 * 1024 * 1024;

/** Subgraph name → its URL and the data source that forwards the caller to it, for every subgraph composed. */
function subgraphDataSources(federated: FederatedSchema, options: GatewayOptions) {
  const missing = federated.subgraphNames.filter((name) => !options.subgraphUrls[name]);
  if (missing.length) throw new Error(`No URL configured for subgraph(s): ${missing.join(', ')}`);
  const subgraphUrls = Object.fromEntries(
    federated.subgraphNames.map((name) => [name, options.subgraphUrls[name]]),
  );
  const dataSources = Object.fromEntries(
    Object.entries(subgraphUrls).map(([name, url]) => [
      name,
      new CallerForwardingDataSource({
        name,
        url,
        internalSecret: options.internalSecret,
        logger: options.logger,
        timeoutMs: options.subgraphTimeoutMs ?? 30_000,
      }),
    ]),
  );
  return { subgraphUrls, dataSources };
}

async function startApolloGateway(
  options: GatewayOptions,
  dataSources: Record<string, CallerForwardingDataSource>,
  metrics: ServiceMetrics,
  guard: RequestGuard,
): Promise<ApolloServer<GatewayContext>> {
  const { logger } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name }) => dataSources[name],
    logger: logger.child({ component: 'apollo-gateway' }),
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => adoptScalarParsing(apiSchema));
  const apollo = new ApolloServer<GatewayContext>({
    // @apollo/gateway 2.14 implements server-gateway-interface v1 and Apollo Server 5 asks for v2: they agree
    // structurally today; should an upgrade make them differ, cast here, at the boundary.
    gateway,
    includeStacktraceInErrorResponses: options.exposeStack,
    documentStore: boundedDocumentStore(GATEWAY_DOCUMENT_CACHE_BYTES),
    ...apolloLimitOptions(options.limits, createErrorFormatter(logger, { exposeStack: options.exposeStack })),
    // Apollo's own switch stays on: who may introspect is the INTROSPECTION policy's call (introspection.ts).
    introspection: true,
    logger: logger.child({ component: 'apollo-server' }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      createOperationMetricsPlugin(metrics),
      rejectUnrunnableOperations(),
      guard.plugin<GatewayContext>(),
      introspectionPolicyPlugin(options.introspection ?? 'public'),
    ],
  });
  await apollo.start();
  return apollo;
}

/** The routes, each behind the CORS allow-list (cors.ts). */
function allowOrigins(origins: readonly string[], routes: Record<string, RouteHandler>) {
  return Object.fromEntries(Object.entries(routes).map(([path, route]) => [path, withCors(origins, route)]));
}

/** `/graphql` over HTTP, the playground, the Open Inference Protocol (`/v2/…`), health and metrics. */
function createGatewayHttpServer(
  options: GatewayOptions,
  apollo: ApolloServer<GatewayContext>,
  subgraphUrls: Record<string, string>,
  metrics: ServiceMetrics,
  guard: RequestGuard,
): Server {
  const { logger } = options;
  const playground = createPlaygroundAssets();
  const readiness = subgraphReadinessChecks(subgraphUrls);
  return createHttpServer({
    logger,
    metrics,
    metricsToken: options.metricsToken,
    readiness,
    routes: {
      ...playground.routes,
      ...tracedRoutes(
        'gateway',
        allowOrigins(options.corsOrigins ?? [], {
          ...createOpenInferenceRoutes({
            authenticator: options.authenticator,
            inferenceUrl: subgraphUrls.inference,
            internalSecret: options.internalSecret,
            logger,
            maxRequestBytes: options.limits.maxRequestBytes,
            timeoutMs: options.subgraphTimeoutMs ?? 30_000,
            readiness,
          }),
          [GRAPHQL_PATH]: createGraphQLRoute({
            apollo,
            authenticator: options.authenticator,
            logger,
            maxRequestBytes: options.limits.maxRequestBytes,
            guard,
            playgroundHtml: playgroundHtml(playground.urls),
            trustedProxyHops: options.trustedProxyHops,
          }),
        }),
      ),
    },
  });
}

/**
 * The one endpoint clients see: Apollo Server over @apollo/gateway for queries and mutations (HTTP and
 * WebSocket), federated subscriptions over graphql-ws, the playground, health and metrics.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const logger = options.logger;
  const metrics = createServiceMetrics('gateway');
  const federated = loadFederatedSchema(options.supergraphSdl);
  const { subgraphUrls, dataSources } = subgraphDataSources(federated, options);
  const guard = createRequestGuard(options.limits);
  const apollo = await startApolloGateway(options, dataSources, metrics, guard);
  const httpServer = createGatewayHttpServer(options, apollo, subgraphUrls, metrics, guard);
  const upstreams = createUpstreamPool({
    subgraphUrls,
    internalSecret: options.internalSecret,
    logger,
    idleTimeoutMs: options.upstreamIdleTimeoutMs,
  });
  const { exposeStack } = options;
  const ws = attachGraphQLWs({
    httpServer,
    path: GRAPHQL_PATH,
    federated,
    apollo,
    subscribe: createFederatedSubscriptions({
      federated,
      dataSources,
      upstreams,
      metrics,
      exposeStack,
      maxCachedPlanBytes: options.sockets?.cacheBytes,
    }),
    authenticator: options.authenticator,
    limits: options.limits,
    guard,
    logger,
    exposeStack,
    trustedProxyHops: options.trustedProxyHops,
    sockets: options.sockets,
  });

  let port: number;
  try {
    port = await listen(httpServer, options.port, options.host);
  } catch (error) {
    await ws.dispose();
    await apollo.stop();
    throw error;
  }
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  logger.info({ port }, 'gateway ready');
  return {
    url: `http://${shownHost}:${port}${GRAPHQL_PATH}`,
    port,
    async stop() {
      // Clients first (their subscriptions release upstream ones), then upstream sockets, then HTTP and Apollo.
      await ws.dispose();
      await upstreams.close();
      await closeServer(httpServer);
      await apollo.stop();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../lib/logger';
import type { IntrospectionPolicy } from '../../../lib/security-config';
import { startSubgraphServer, type RunningService } from '../../../lib/server/subgraph-server';
import { createJwksAuthenticator } from '../../../gateway/auth/jwks-authenticator';
import { startGateway, type GatewayLimits, type RunningGateway } from '../../../gateway/gateway';
import type { SocketLimits } from '../../../gateway/subscription/socket-quotas';
import { createFixtureSubgraphs, type FixtureSubgraphs } from '../gateway/fixture-subgraphs';
import { TEST_METRICS_TOKEN } from '../metrics';
import { startConnectionCounter, type ConnectionCounter } from '../gateway/tcp-counter';
import { startTestIssuer, type TestIssuer } from '../gateway/tokens';
export { eventually } from '../eventually';

export interface FixtureGraph extends FixtureSubgraphs {
  gateway: RunningGateway;
  /** The gateway's URL with ws:// */
  wsUrl: string;
  issuer: TestIssuer;
  /** Counts the gateway's connections to the jobs subgraph (HTTP and WebSocket). */
  jobsConnections: ConnectionCounter;
  jobsServer: RunningService;
  peopleServer: RunningService;
  stop(): Promise<void>;
}

export const TEST_LIMITS: GatewayLimits = {
  maxDepth: 6,
  maxAliases: 5,
  maxRequestBytes: 20_000,
  maxOperationsPerConnection: 60,
};

/** Logs are silent unless LOG_LEVEL is set (e.g. LOG_LEVEL=debug npx jest gateway). */
export const testLogger = () => createLogger('gateway-test', process.env.LOG_LEVEL ?? 'silent');

/**
 * A logger configured as the services' own (createLogger, at debug level) that keeps every line it writes, parsed
 * and as text, for tests that check what was logged.
 */
export function captureLogs(): { logger: Logger; lines: Record<string, unknown>[]; text(): string } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString('utf8'));
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('test', 'debug', sink), lines, text: () => raw.join('') };
}

export interface FixtureGraphOptions {
  /** @default 200 */
  upstreamIdleTimeoutMs?: number;
  subgraphTimeoutMs?: number;
  /** The gateway's own secret, when a test wants it to differ from the subgraphs'. */
  gatewayInternalSecret?: string;
  /** Replaces a subgraph's URL as the gateway sees it (e.g. with a server that never answers). */
  subgraphUrls?: Partial<Record<'jobs' | 'people', string>>;
  /** @default testLogger() */
  logger?: Logger;
  /** Replaces some of TEST_LIMITS, e.g. a larger body limit for tests of large documents. */
  limits?: Partial<GatewayLimits>;
  /** WebSocket limits per client (the gateway's defaults otherwise). */
  sockets?: SocketLimits;
  /** The gateway's INTROSPECTION policy. @default 'public' */
  introspection?: IntrospectionPolicy;
  /** The gateway's CORS allow-list. @default [] */
  corsOrigins?: string[];
}

/** Tests stop a subgraph themselves to watch the gateway cope; the final cleanup must not stop it twice. */
function once(service: RunningService): RunningService {
  let stopping: Promise<void> | undefined;
  return { ...service, stop: () => (stopping ??= service.stop()) };
}

/** Fixture subgraphs on port 0 (jobs behind a connection counter), an issuer of tokens, and the gateway over them. */
export async function startFixtureGraph(options: FixtureGraphOptions = {}): Promise<FixtureGraph> {
  const logger = options.logger ?? testLogger();
  const internalSecret = randomBytes(32).toString('hex');
  const fixtures = createFixtureSubgraphs();
  const serverOptions = {
    port: 0,
    host: '127.0.0.1',
    internalSecret,
    logger,
    exposeStack: false,
    maxRequestBytes: 100_000,
  };
  const jobsServer = once(await startSubgraphServer(fixtures.jobs, serverOptions));
  const peopleServer = await startSubgraphServer(fixtures.people, serverOptions);
  const jobsConnections = await startConnectionCounter(jobsServer.url);
  const issuer = await startTestIssuer();
  const gateway = await startGateway({
    supergraphSdl: fixtures.supergraphSdl,
    subgraphUrls: { jobs: jobsConnections.url, people: peopleServer.url, ...options.subgraphUrls },
    port: 0,
    host: '127.0.0.1',
    internalSecret: options.gatewayInternalSecret ?? internalSecret,
    logger,
    exposeStack: false,
    limits: { ...TEST_LIMITS, ...options.limits },
    authenticator: createJwksAuthenticator({ jwksUrl: issuer.jwksUrl }),
    upstreamIdleTimeoutMs: options.upstreamIdleTimeoutMs ?? 200,
    subgraphTimeoutMs: options.subgraphTimeoutMs,
    sockets: options.sockets,
    metricsToken: TEST_METRICS_TOKEN,
    introspection: options.introspection,
    corsOrigins: options.corsOrigins,
  });
  let stopped = false;
  return {
    ...fixtures,
    gateway,
    wsUrl: gateway.url.replace(/^http/, 'ws'),
    issuer,
    jobsConnections,
    jobsServer,
    peopleServer,
    async stop() {
      if (stopped) return;
      stopped = true;
      await gateway.stop();
      await jobsConnections.close();
      await jobsServer.stop();
      await peopleServer.stop();
      await issuer.close();
    },
  };
}

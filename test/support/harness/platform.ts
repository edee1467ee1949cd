import { createJwksAuthenticator } from '../../../gateway/auth/jwks-authenticator';
import { startGateway, type GatewayLimits, type RunningGateway } from '../../../gateway/gateway';
import { createLogger } from '../../../lib/logger';
import { readSupergraphSdl } from '../../../lib/paths';
import { identityModule } from '../../../subgraphs/identity/module';
import { inferenceModule } from '../../../subgraphs/inference/module';
import { JWKS_PATH } from '../../../subgraphs/identity/signing-key/token-issuer';
import { observabilityModule } from '../../../subgraphs/observability/module';
import { TEST_INTERNAL_SECRET } from '../subgraph-client';
import { startRegistry } from './registry';
import { startSubgraphHarness, type SubgraphHarness } from './subgraph';
import { TEST_METRICS_TOKEN } from '../metrics';

/** The four subgraphs on PostgreSQL, each on a free port, and the gateway over them, all in this process. */
export interface PlatformHarness {
  gateway: RunningGateway;
  /** `http://127.0.0.1:<port>`: the gateway's origin, where `/graphql` and `/v2/…` are served. */
  origin: string;
  identity: SubgraphHarness;
  registry: SubgraphHarness;
  inference: SubgraphHarness;
  observability: SubgraphHarness;
  stop(): Promise<void>;
}

export interface PlatformOptions {
  /** Extra environment for the inference subgraph (e.g. MODEL_NAME_CACHE_MS). */
  inferenceEnv?: Record<string, string>;
  /** Extra environment for the observability subgraph (which is given the registry's and inference's URLs). */
  observabilityEnv?: Record<string, string>;
  /** The gateway's limits beside the defaults (e.g. a small maxRequestBytes). */
  limits?: Partial<GatewayLimits>;
}

export async function startPlatform(options: PlatformOptions = {}): Promise<PlatformHarness> {
  const started: SubgraphHarness[] = [];
  const stopAll = async () => {
    for (const harness of started.reverse()) await harness.stop();
  };
  try {
    const start = async (harness: Promise<SubgraphHarness>) => {
      started.push(await harness);
      return started[started.length - 1];
    };
    const identity = await start(startSubgraphHarness(identityModule));
    const registry = await start(startRegistry({ dialect: 'postgresql' }));
    const inference = await start(
      startSubgraphHarness(inferenceModule, {
        dialect: 'postgresql',
        env: { REGISTRY_URL: registry.subgraph.url, ...options.inferenceEnv },
      }),
    );
    const observability = await start(
      startSubgraphHarness(observabilityModule, {
        dialect: 'postgresql',
        env: {
          REGISTRY_URL: registry.subgraph.url,
          INFERENCE_URL: inference.subgraph.url,
          ...options.observabilityEnv,
        },
      }),
    );
    const gateway = await startGateway({
      supergraphSdl: readSupergraphSdl(),
      subgraphUrls: {
        identity: identity.subgraph.url,
        registry: registry.subgraph.url,
        inference: inference.subgraph.url,
        observability: observability.subgraph.url,
      },
      port: 0,
      host: '127.0.0.1',
      internalSecret: TEST_INTERNAL_SECRET,
      logger: createLogger('gateway-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
      exposeStack: false,
      limits: { ...identity.config.limits, ...options.limits },
      metricsToken: TEST_METRICS_TOKEN,
      authenticator: createJwksAuthenticator({ jwksUrl: new URL(JWKS_PATH, identity.subgraph.url).href }),
    });
    return {
      gateway,
      origin: new URL(gateway.url).origin,
      identity,
      registry,
      inference,
      observability,
      async stop() {
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/**
 * The platform of the enclosing `describe`: started before its tests, stopped after them. Use the handle inside
 * hooks and tests only.
 */
export function usePlatform(options: PlatformOptions = {}): () => PlatformHarness {
  let platform: PlatformHarness | undefined;
  beforeAll(async () => {
    platform = await startPlatform(options);
  }, 60_000);
  afterAll(async () => {
    await platform?.stop();
  });
  return () => {
    if (!platform) throw new Error('The platform starts in beforeAll: use it inside hooks and tests.');
    return platform;
  };
}

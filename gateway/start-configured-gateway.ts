import { subgraphNames, subgraphUrl, type Config } from '../lib/config';
import type { Logger } from '../lib/logger';
import { createJwksAuthenticator } from './auth/jwks-authenticator';
import { startGateway, type RunningGateway } from './gateway';

/** Starts the gateway as configured: subgraph URLs, limits, and identity's JWKS for verifying access tokens. */
export function startConfiguredGateway(
  config: Config,
  logger: Logger,
  supergraphSdl: string,
): Promise<RunningGateway> {
  const subgraphUrls = Object.fromEntries(subgraphNames.map((name) => [name, subgraphUrl(config, name)]));
  return startGateway({
    supergraphSdl,
    subgraphUrls,
    port: config.ports.gateway,
    host: config.host,
    internalSecret: config.internalSecret,
    logger: logger.child({ service: 'gateway' }),
    exposeStack: config.exposeStack,
    limits: config.limits,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    trustedProxyHops: config.trustedProxyHops,
    sockets: config.sockets,
    metricsToken: config.metricsToken,
    introspection: config.introspection,
    corsOrigins: config.corsOrigins,
    authenticator: createJwksAuthenticator({
      jwksUrl: new URL('/.well-known/jwks.json', subgraphUrls.identity).toString(),
    }),
  });
}

import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import { PasswordHasher } from './auth/passwords';
import { RefreshTokenSchema } from './auth/refresh-token.entity';
import type { IdentityContext } from './context';
import { IdentityRequest } from './identity-request';
import { SigningKeySchema } from './signing-key/signing-key.entity';
import { loadSigningKey, unencryptedSigningKeyWarning } from './signing-key/signing-keys';
import { JWKS_PATH, TokenIssuer } from './signing-key/token-issuer';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { MembershipSchema } from './organization/membership.entity';
import { OrganizationSchema } from './organization/organization.entity';
import { resolvers } from './resolvers';
import { createIdentityServices, type IdentityDependencies } from './services';
import { UserSchema } from './user/user.entity';

export const identityModule: SubgraphModule = {
  name: 'identity',
  entities: [UserSchema, OrganizationSchema, MembershipSchema, RefreshTokenSchema, SigningKeySchema],
  migrations: { postgresql, sqlite },
  async create({ config, orm, logger }) {
    const unencrypted = unencryptedSigningKeyWarning(config);
    if (unencrypted) logger.warn(unencrypted);
    const tokens = new TokenIssuer(
      await loadSigningKey(orm.em.fork(), {
        configuredPem: config.jwtPrivateKey,
        encryptionKey: config.signingKeyEncryptionKey,
        logger,
      }),
      config.accessTokenTtlSeconds,
    );
    const passwords = new PasswordHasher();
    await passwords.warmUp();
    const dependencies: IdentityDependencies = {
      passwords,
      tokens,
      refreshTokenTtlSeconds: config.refreshTokenTtlSeconds,
      logger,
    };
    return {
      name: 'identity',
      typeDefs: readSubgraphSchema('identity'),
      resolvers: resolvers as GraphQLResolverMap<IdentityContext>,
      readiness: {},
      routes: { [JWKS_PATH]: tokens.jwksRoute },
      createContext: (base): IdentityContext => ({
        ...base,
        ...createIdentityServices(new IdentityRequest(orm, base.caller), {
          ...dependencies,
          logger: base.logger,
        }),
      }),
    };
  },
};

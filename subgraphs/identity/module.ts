import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { readSubgraphSchema } from '../../lib/paths';
import type { SubgraphModule } from '../../lib/subgraph-module';
import { AuthService } from './auth/auth.service';
import { PasswordHasher } from './auth/passwords';
import { RefreshTokenSchema } from './auth/refresh-token.entity';
import type { IdentityContext } from './context';
import { SigningKeySchema } from './keys/signing-key.entity';
import { loadSigningKey } from './keys/signing-keys';
import { JWKS_PATH, TokenIssuer } from './keys/token-issuer';
import { migrations as postgresql } from './migrations/postgresql';
import { migrations as sqlite } from './migrations/sqlite';
import { MembershipSchema } from './organization/membership.entity';
import { OrganizationSchema } from './organization/organization.entity';
import { OrganizationService } from './organization/organization.service';
import { resolvers } from './resolvers';
import { UserSchema } from './user/user.entity';
import { Viewer } from './viewer/viewer';

export const identityModule: SubgraphModule = {
  name: 'identity',
  entities: [UserSchema, OrganizationSchema, MembershipSchema, RefreshTokenSchema, SigningKeySchema],
  migrations: { postgresql, sqlite },
  async create({ config, orm }) {
    const tokens = new TokenIssuer(
      await loadSigningKey(orm.em.fork(), config.jwtPrivateKey),
      config.accessTokenTtlSeconds,
    );
    const passwords = new PasswordHasher();
    await passwords.warmUp();
    const auth = { passwords, tokens, refreshTokenTtlSeconds: config.refreshTokenTtlSeconds };
    return {
      name: 'identity',
      typeDefs: readSubgraphSchema('identity'),
      resolvers: resolvers as GraphQLResolverMap<IdentityContext>,
      readiness: {},
      routes: { [JWKS_PATH]: tokens.jwksRoute },
      createContext: (base): IdentityContext => {
        const em = orm.em.fork();
        const viewer = new Viewer(em, base.caller);
        return {
          ...base,
          viewer,
          auth: new AuthService(em, viewer, auth, base.logger),
          organizations: new OrganizationService(em, viewer),
        };
      },
    };
  },
};

import { randomBytes } from 'node:crypto';
import { decodeJwt } from 'jose';
import type { AuthenticatedCaller, Role } from '../../../lib/caller';
import {
  startSubgraphHarness,
  useSubgraphHarness,
  type HarnessOptions,
  type SubgraphHarness,
} from './subgraph';
import type { AccessTokenClaims } from '../../../subgraphs/identity/signing-key/token-issuer';
import { identityModule } from '../../../subgraphs/identity/module';

export { errorsOf, sqlStatements } from './subgraph';

export type IdentityHarness = SubgraphHarness;

export const startIdentity = (options: HarnessOptions = { dialect: 'postgresql' }) =>
  startSubgraphHarness(identityModule, options);

/** The identity subgraph of the enclosing `describe`: started before its tests, stopped after them. */
export const useIdentity = (options: HarnessOptions = { dialect: 'postgresql' }): IdentityHarness =>
  useSubgraphHarness(() => startIdentity(options));

export const AUTH_FIELDS = 'accessToken refreshToken expiresIn user { id email displayName createdAt }';

export interface AuthPayloadView {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: { id: string; email: string; displayName: string; createdAt: string };
}

export const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { ${AUTH_FIELDS} } }`;
export const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { ${AUTH_FIELDS} } }`;
export const REFRESH = `mutation ($token: String!) { refreshToken(refreshToken: $token) { ${AUTH_FIELDS} } }`;
export const LOGOUT = `mutation ($token: String!) { logout(refreshToken: $token) }`;

export const PASSWORD = 'correct horse battery staple';

/** A fresh email address, so that each test makes its own users. */
export const uniqueEmail = (label = 'user') => `${label}-${randomBytes(4).toString('hex')}@example.com`;

export interface Registration extends AuthPayloadView {
  caller: AuthenticatedCaller;
  password: string;
}

/** Registers a user (with their first organization) and returns the payload and the caller the gateway would make. */
export async function register(
  harness: IdentityHarness,
  input: Partial<{ email: string; password: string; displayName: string; organizationName: string }> = {},
): Promise<Registration> {
  const full = {
    email: uniqueEmail(),
    password: PASSWORD,
    displayName: 'Ada Lovelace',
    organizationName: 'Analytical Engines',
    ...input,
  };
  const result = await harness.call<{ register: AuthPayloadView }>({ kind: 'anonymous' }, REGISTER, {
    input: full,
  });
  if (result.errors) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  const payload = result.data!.register;
  return { ...payload, caller: callerFromToken(payload.accessToken), password: full.password };
}

/** What the gateway derives from an access token: the first organization unless the client names another. */
export function callerFromToken(accessToken: string, organizationId?: string): AuthenticatedCaller {
  const claims = decodeJwt(accessToken) as unknown as AccessTokenClaims;
  const acting = claims.orgs.find((o) => o.id === organizationId) ?? claims.orgs[0];
  return {
    kind: 'user',
    userId: claims.sub,
    organizationId: acting.id,
    role: acting.role as Role,
    scopes: [],
  };
}

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeJwt } from 'jose';
import type { AuthenticatedCaller, Caller, Role } from '../../../lib/caller';
import { loadConfig, type Config } from '../../../lib/config';
import type { Infrastructure } from '../../../lib/infrastructure';
import { createInfrastructure } from '../../../lib/infrastructure-factory';
import { createLogger } from '../../../lib/logger';
import { startSubgraph, type StartedSubgraph } from '../../../lib/start-subgraph';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import {
  callSubgraph,
  TEST_INTERNAL_SECRET,
  type GraphQLResponse,
} from '../../../test/support/subgraph-client';
import type { AccessTokenClaims } from '../keys/token-issuer';
import { identityModule } from '../module';

/** An identity subgraph on its own database (PostgreSQL, or SQLite under a temporary folder). */
export interface IdentityHarness {
  subgraph: StartedSubgraph;
  config: Config;
  /** Every SQL statement since the last `queries.splice(0)`. */
  queries: string[];
  call<T = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Stops the subgraph and starts it again on the same database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startIdentity(
  options: { dialect: 'postgresql' | 'sqlite'; env?: Record<string, string> } = { dialect: 'postgresql' },
): Promise<IdentityHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-identity-test-'));
  const database: TestDatabase | undefined =
    options.dialect === 'postgresql' ? await createTestDatabase('identity') : undefined;
  const config: Config = {
    ...loadConfig('embedded', { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent', ...options.env }),
    databaseUrl: database?.url,
    internalSecret: TEST_INTERNAL_SECRET,
  };
  // TEST_LOG_LEVEL=error shows the subgraph's logs (unexpected errors) when a test fails.
  const logger = createLogger('identity-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const queries: string[] = [];
  let infrastructure: Infrastructure | undefined;
  const cleanup = async () => {
    await infrastructure?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const start = () =>
    startSubgraph(identityModule, {
      config,
      infrastructure: infrastructure!,
      logger,
      port: 0,
      onQuery: (sql) => queries.push(sql),
    });
  let subgraph: StartedSubgraph;
  try {
    infrastructure = await createInfrastructure(config, logger);
    subgraph = await start();
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    get subgraph() {
      return subgraph;
    },
    config,
    queries,
    call: (caller, query, variables) => callSubgraph(subgraph.url, caller, query, variables),
    async restart() {
      await subgraph.stop();
      subgraph = await start();
    },
    async stop() {
      await subgraph.stop();
      await cleanup();
    },
  };
}

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

/** The error codes (and fields) of a response, for compact assertions. */
export function errorsOf(result: GraphQLResponse<unknown>): { code: unknown; field?: unknown }[] {
  return (result.errors ?? []).map((e) =>
    e.extensions?.field !== undefined
      ? { code: e.extensions?.code, field: e.extensions.field }
      : { code: e.extensions?.code },
  );
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthenticatedCaller, Caller, Role } from '../../../lib/caller';
import { loadConfig, type Config } from '../../../lib/config';
import type { Infrastructure } from '../../../lib/infrastructure';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import { createInfrastructure } from '../../../lib/infrastructure-factory';
import { createLogger, type Logger } from '../../../lib/logger';
import { startSubgraph, type StartedSubgraph } from '../../../lib/start-subgraph';
import type { SubgraphModule } from '../../../lib/subgraph-module';
import { TEST_METRICS_TOKEN } from '../metrics';
import { createTestDatabase, type TestDatabase } from '../postgres';
import { callSubgraph, TEST_INTERNAL_SECRET, type GraphQLResponse } from '../subgraph-client';

/** One subgraph served on a free port over its own database (PostgreSQL, or SQLite in a temporary folder). */
export interface SubgraphHarness {
  readonly subgraph: StartedSubgraph;
  config: Config;
  /** The infrastructure the subgraph was given (its object store as decorated by `options.objectStore`). */
  readonly infrastructure: Infrastructure;
  /** Every SQL statement since the last `queries.splice(0)`. */
  queries: string[];
  /** Calls the subgraph with a caller signed as the gateway signs it. */
  call<T = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** Stops the subgraph and starts it again on the same database. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  dialect: 'postgresql' | 'sqlite';
  /** Extra environment for the configuration (e.g. ACCESS_TOKEN_TTL_SECONDS). */
  env?: Record<string, string>;
  /** Wraps the object store the subgraph is given (tests use it to make S3 calls fail). */
  objectStore?: (store: ObjectStore) => ObjectStore;
  /** Where the subgraph logs (tests that read its log lines); silent unless TEST_LOG_LEVEL says otherwise. */
  logger?: Logger;
}

export async function startSubgraphHarness(
  module: SubgraphModule,
  options: HarnessOptions = { dialect: 'postgresql' },
): Promise<SubgraphHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `mlaas-${module.name}-test-`));
  const database: TestDatabase | undefined =
    options.dialect === 'postgresql' ? await createTestDatabase(module.name) : undefined;
  const config: Config = {
    ...loadConfig('embedded', {
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      METRICS_TOKEN: TEST_METRICS_TOKEN,
      // Any free port: the embedded object store's fixed one would collide between subgraphs and test files.
      OBJECT_STORE_PORT: '0',
      ...options.env,
    }),
    databaseUrl: database?.url,
    internalSecret: TEST_INTERNAL_SECRET,
  };
  // TEST_LOG_LEVEL=error shows the subgraph's logs (unexpected errors) when a test fails.
  const logger =
    options.logger ?? createLogger(`${module.name}-test`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const queries: string[] = [];
  let infrastructure: Infrastructure | undefined;
  const cleanup = async () => {
    await infrastructure?.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let given: Infrastructure;
  const start = () =>
    startSubgraph(module, {
      config,
      infrastructure: given,
      logger,
      port: 0,
      onQuery: (sql) => queries.push(sql),
    });
  let subgraph: StartedSubgraph;
  try {
    infrastructure = await createInfrastructure(config, logger);
    given = options.objectStore
      ? { ...infrastructure, objectStore: options.objectStore(infrastructure.objectStore) }
      : infrastructure;
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
    get infrastructure() {
      return given;
    },
    queries,
    call: (caller, query, variables) => callSubgraph(subgraph, caller, query, variables),
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

/**
 * Starts a subgraph before the tests of the enclosing `describe` (in a `beforeAll` declared where this is called, so
 * later `beforeAll`s can seed it) and stops it after them. The handle stands for the started harness: use it in
 * hooks and tests, not while the block is being declared.
 */
export function useSubgraphHarness(start: () => Promise<SubgraphHarness>): SubgraphHarness {
  let started: SubgraphHarness | undefined;
  beforeAll(async () => {
    started = await start();
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): SubgraphHarness => {
    if (!started) throw new Error('The subgraph starts in beforeAll: use its handle inside hooks and tests.');
    return started;
  };
  return {
    get subgraph() {
      return current().subgraph;
    },
    get config() {
      return current().config;
    },
    get infrastructure() {
      return current().infrastructure;
    },
    get queries() {
      return current().queries;
    },
    call: (caller, query, variables) => current().call(caller, query, variables),
    restart: () => current().restart(),
    stop: () => current().stop(),
  };
}

/** A signed-in member of a fresh organization (a new one per call unless `organizationId` is given). */
export function member(role: Role = 'MEMBER', organizationId: string = randomUUID()): AuthenticatedCaller {
  return { kind: 'user', userId: randomUUID(), organizationId, role, scopes: [] };
}

/** The error codes (and fields) of a response, for compact assertions. */
export function errorsOf(result: GraphQLResponse<unknown>): { code: unknown; field?: unknown }[] {
  return (result.errors ?? []).map((e) =>
    e.extensions?.field !== undefined
      ? { code: e.extensions?.code, field: e.extensions.field }
      : { code: e.extensions?.code },
  );
}

/** The SQL statements of a query log (MikroORM also logs transaction control, which is not counted). */
export function sqlStatements(log: string[]): string[] {
  return log.filter((line) => line.startsWith('[query]') && /\b(select|insert|update|delete)\b/i.test(line));
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthenticatedCaller, Caller, Role } from '../../../lib/caller';
import { loadConfig } from '../../../lib/config';
import { createInfrastructure } from '../../../lib/infrastructure-factory';
import { createLogger } from '../../../lib/logger';
import { startSubgraph, type StartedSubgraph } from '../../../lib/start-subgraph';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import {
  callSubgraph,
  TEST_INTERNAL_SECRET,
  type GraphQLResponse,
} from '../../../test/support/subgraph-client';
import { registryModule } from '../module';

/** A registry subgraph on its own database (PostgreSQL, or SQLite under a temporary folder). */
export interface RegistryHarness {
  subgraph: StartedSubgraph;
  /** Every SQL statement since the last `queries.splice(0)`. */
  queries: string[];
  call<T = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export async function startRegistry(options: { dialect: 'postgresql' | 'sqlite' }): Promise<RegistryHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-registry-test-'));
  const database: TestDatabase | undefined =
    options.dialect === 'postgresql' ? await createTestDatabase('registry') : undefined;
  const config = {
    ...loadConfig('embedded', { DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    databaseUrl: database?.url,
    internalSecret: TEST_INTERNAL_SECRET,
  };
  const logger = createLogger('registry-test', 'silent');
  const infrastructure = await createInfrastructure(config, logger);
  const queries: string[] = [];
  const cleanup = async () => {
    await infrastructure.close();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  let subgraph: StartedSubgraph;
  try {
    subgraph = await startSubgraph(registryModule, {
      config,
      infrastructure,
      logger,
      port: 0,
      onQuery: (sql) => queries.push(sql),
    });
  } catch (error) {
    await cleanup();
    throw error;
  }
  return {
    subgraph,
    queries,
    call: (caller, query, variables) => callSubgraph(subgraph.url, caller, query, variables),
    async stop() {
      await subgraph.stop();
      await cleanup();
    },
  };
}

/** A signed-in member of a fresh organization (a new one per call unless `organizationId` is given). */
export function member(role: Role = 'MEMBER', organizationId: string = randomUUID()): AuthenticatedCaller {
  return { kind: 'user', userId: randomUUID(), organizationId, role, scopes: [] };
}

export const MODEL_FIELDS = `id name description framework taskType lifecycle tags createdAt updatedAt
  owner { id } organization { id }`;

export interface ModelView {
  id: string;
  name: string;
  description: string | null;
  framework: string;
  taskType: string;
  lifecycle: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  owner: { id: string };
  organization: { id: string };
}

export const CREATE_MODEL = `mutation ($input: CreateModelInput!) { createModel(input: $input) { ${MODEL_FIELDS} } }`;

/** Creates a model and returns it, failing the test on any error. */
export async function createModel(
  harness: RegistryHarness,
  caller: Caller,
  input: Record<string, unknown>,
): Promise<ModelView> {
  const result = await harness.call<{ createModel: ModelView }>(caller, CREATE_MODEL, {
    input: { framework: 'SKLEARN', taskType: 'CLASSIFICATION', ...input },
  });
  if (result.errors) throw new Error(`createModel failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createModel;
}

/** The error codes (and fields) of a response, for compact assertions. */
export function errorsOf(result: GraphQLResponse<unknown>): { code: unknown; field?: unknown }[] {
  return (result.errors ?? []).map((e) =>
    e.extensions?.field !== undefined
      ? { code: e.extensions?.code, field: e.extensions.field }
      : { code: e.extensions?.code },
  );
}

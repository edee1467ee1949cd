import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphNames, type SubgraphName } from '../../lib/config';
import { startEmbeddedS3, type EmbeddedS3 } from '../../lib/object-store/embedded-s3';
import { findFreePort } from '../../lib/process';
import { createTestDatabase, type TestDatabase } from './postgres';
import { spawnService, waitForReady, type ServiceProcess } from './processes';
import { TEST_REDIS_URL } from './redis';

export interface ProductionTopology {
  gatewayUrl: string;
  env: Record<string, string>;
  processes: ServiceProcess[];
  stop(): Promise<void>;
}

/**
 * The production topology on this machine: every subgraph and the gateway as its own `node dist/...` process, on a
 * fresh PostgreSQL database, the real Redis and an S3 server, talking over HTTP and WebSocket.
 */
export async function startProductionTopology(
  options: {
    /** Extra node arguments for one service, e.g. `{ gateway: ['--cpu-prof'] }` to profile it. */
    nodeArgs?: Partial<Record<'gateway' | SubgraphName, string[]>>;
  } = {},
): Promise<ProductionTopology> {
  const database: TestDatabase = await createTestDatabase('e2e');
  const s3Dir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-e2e-s3-'));
  const s3: EmbeddedS3 = await startEmbeddedS3({ directory: s3Dir });
  const ports = Object.fromEntries(
    await Promise.all(
      ['gateway', ...subgraphNames].map(async (name) => [name, await findFreePort()] as const),
    ),
  );
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    S3_ENDPOINT: s3.endPoint,
    S3_ACCESS_KEY: s3.accessKey,
    S3_SECRET_KEY: s3.secretKey,
    S3_BUCKET_PREFIX: `e2e-${randomBytes(3).toString('hex')}-`,
    INTERNAL_SECRET: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(ports.gateway),
  };
  for (const name of subgraphNames) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
  }
  const processes: ServiceProcess[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await s3.close();
    rmSync(s3Dir, { recursive: true, force: true });
    await database.drop();
  };
  try {
    // Subgraphs migrate their own schema at start; starting them together also exercises the migration lock.
    const subgraphs = subgraphNames.map((name) =>
      spawnService(name, `subgraphs/${name}/main.js`, env, options.nodeArgs?.[name]),
    );
    processes.push(...subgraphs);
    await Promise.all(
      subgraphs.map((p, i) => waitForReady(`http://127.0.0.1:${ports[subgraphNames[i]]}/health/ready`, p)),
    );
    const gateway = spawnService('gateway', 'gateway/main.js', env, options.nodeArgs?.gateway);
    processes.push(gateway);
    await waitForReady(`http://127.0.0.1:${ports.gateway}/health/ready`, gateway);
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`, env, processes, stop };
}

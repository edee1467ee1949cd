import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphNames, type SubgraphName } from '../../lib/config';
import type { EmbeddedS3 } from './embedded-s3';
import { findFreePort } from '../../lib/process';
import { TEST_METRICS_TOKEN } from './metrics';
import { createTestDatabase, type TestDatabase } from './postgres';
import { spawnService, waitForOutput, waitForReady, type ServiceProcess } from './processes';
import { TEST_REDIS_URL } from './redis';
import { startVerifyingS3 } from './verifying-s3';

export interface ProductionTopology {
  gatewayUrl: string;
  env: Record<string, string>;
  processes: ServiceProcess[];
  /** The training workers started so far (`startWorker` adds one). */
  workers: ServiceProcess[];
  /** GraphQL URLs of each subgraph's replicas; the first gateway uses the first of each. */
  subgraphUrls: Record<SubgraphName, string[]>;
  /** Starts one more training worker process (`npm run start:worker`) with extra environment. */
  startWorker(env?: Record<string, string>): Promise<ServiceProcess>;
  /**
   * Starts one more gateway that talks to the given replica of each subgraph (by index in `subgraphUrls`, the
   * first by default); returns its GraphQL URL.
   */
  startGateway(replicas: Partial<Record<SubgraphName, number>>): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The production topology on this machine: every subgraph and the gateway as its own `node dist/...` process, on a
 * fresh PostgreSQL database, the real Redis and an S3 server that verifies SigV4 signatures, talking over HTTP and
 * WebSocket.
 */
export async function startProductionTopology(
  options: {
    /** Extra node arguments for one service, e.g. `{ gateway: ['--cpu-prof'] }` to profile it. */
    nodeArgs?: Partial<Record<'gateway' | SubgraphName, string[]>>;
    /** Processes per subgraph on the same database and Redis, e.g. `{ inference: 2 }`. @default 1 each */
    replicas?: Partial<Record<SubgraphName, number>>;
    /** Training worker processes started with the services. @default 0 */
    workers?: number;
    /** Extra environment for every process (e.g. TRAINING_STALL_TIMEOUT_MS). */
    env?: Record<string, string>;
    /** How long each service may take to become ready (a loaded machine loads modules slowly). @default 30000 */
    readyTimeoutMs?: number;
  } = {},
): Promise<ProductionTopology> {
  const database: TestDatabase = await createTestDatabase('e2e');
  const s3Dir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-e2e-s3-'));
  // Checks every signature as MinIO does, so the services' S3 traffic and their presigned URLs are proven signed.
  const s3: EmbeddedS3 = await startVerifyingS3({ directory: s3Dir });
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
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    HOST: '127.0.0.1',
    GATEWAY_PORT: String(ports.gateway),
    // Its own queues, channels and keys: topologies of tests running at once share the Redis server.
    REDIS_KEY_PREFIX: `e2e-${randomBytes(4).toString('hex')}:`,
    ...options.env,
  };
  for (const name of subgraphNames) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
  }
  const processes: ServiceProcess[] = [];
  const workers: ServiceProcess[] = [];
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [name, [env[`${name.toUpperCase()}_URL`]]]),
  ) as Record<SubgraphName, string[]>;
  const startWorker = async (extra: Record<string, string> = {}) => {
    const worker = spawnService(
      `worker-${workers.length + 1}`,
      'subgraphs/registry/training-worker/main.js',
      {
        ...env,
        ...extra,
      },
    );
    processes.push(worker);
    workers.push(worker);
    await waitForOutput(worker, 'training worker consuming');
    return worker;
  };
  const startGateway = async (replicas: Partial<Record<SubgraphName, number>>) => {
    const port = await findFreePort();
    const urls = Object.entries(replicas).map(([name, index]) => [
      `${name.toUpperCase()}_URL`,
      subgraphUrls[name as SubgraphName][index],
    ]);
    const gateway = spawnService(`gateway-${port}`, 'gateway/main.js', {
      ...env,
      GATEWAY_PORT: String(port),
      ...Object.fromEntries(urls),
    });
    processes.push(gateway);
    await waitForReady(`http://127.0.0.1:${port}/health/ready`, gateway);
    return `http://127.0.0.1:${port}/graphql`;
  };
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
      subgraphs.map((p, i) =>
        waitForReady(`http://127.0.0.1:${ports[subgraphNames[i]]}/health/ready`, p, options.readyTimeoutMs),
      ),
    );
    for (const name of subgraphNames) {
      for (let replica = 1; replica < (options.replicas?.[name] ?? 1); replica++) {
        const port = await findFreePort();
        const service = spawnService(`${name}-${replica + 1}`, `subgraphs/${name}/main.js`, {
          ...env,
          [`${name.toUpperCase()}_PORT`]: String(port),
        });
        processes.push(service);
        await waitForReady(`http://127.0.0.1:${port}/health/ready`, service);
        subgraphUrls[name].push(`http://127.0.0.1:${port}/graphql`);
      }
    }
    const gateway = spawnService('gateway', 'gateway/main.js', env, options.nodeArgs?.gateway);
    processes.push(gateway);
    await waitForReady(`http://127.0.0.1:${ports.gateway}/health/ready`, gateway, options.readyTimeoutMs);
    for (let i = 0; i < (options.workers ?? 0); i++) await startWorker();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    gatewayUrl: `http://127.0.0.1:${ports.gateway}/graphql`,
    env,
    processes,
    workers,
    subgraphUrls,
    startWorker,
    startGateway,
    stop,
  };
}

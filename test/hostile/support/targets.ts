import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphNames, type SubgraphName } from '../../../lib/config';
import { findFreePort } from '../../../lib/process';
import { startEmbedded } from '../../support/embedded';
import type { ServiceProcess } from '../../support/processes';
import { startProductionTopology, type ProductionTopology } from '../../support/production-topology';
import type { TargetKind } from './corpus';

/** One running platform the corpus is sent to. */
export interface Target {
  kind: TargetKind;
  /** `http://127.0.0.1:<port>/graphql` */
  gatewayUrl: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  wsUrl: string;
  /** Each subgraph's GraphQL URL, as the gateway calls it. */
  subgraphUrls: Record<SubgraphName, string>;
  /** The secret the gateway signs callers with (the tests sign with it to act as a gateway would). */
  internalSecret: string;
  /** The production topology, for what only it can do (another gateway); undefined in embedded mode. */
  topology?: ProductionTopology;
  /** The gateway process's memory after a forced garbage collection. */
  memory(): Promise<NodeJS.MemoryUsage>;
  /** `ready` once the gateway's `/health/ready` answers 200, else what it last answered. */
  ready(): Promise<string>;
  stop(): Promise<void>;
}

const PROBE = path.join(__dirname, 'memory-probe.cjs');
const probeArgs = ['--expose-gc', '--require', PROBE];

/** Asks the probe preloaded into `service` for its memory after a full GC (memory-probe.cjs). */
async function probeMemory(service: ServiceProcess, file: string): Promise<NodeJS.MemoryUsage> {
  const asked = Date.now();
  service.child.kill('SIGUSR2');
  for (let waited = 0; waited < 10_000; waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage & { at: number };
      if (usage.at >= asked) return usage;
    } catch {
      // not written yet
    }
  }
  throw new Error(`${service.name} did not report its memory:\n${service.output().slice(-2000)}`);
}

/**
 * The gateway's `/health/ready` answer once it is 200, or the last one after `timeoutMs` (a platform that is busy
 * finishing the last cases may be slow for a moment; one that stays unready is broken).
 */
async function readiness(gatewayUrl: string, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  do {
    try {
      const response = await fetch(new URL('/health/ready', gatewayUrl), {
        signal: AbortSignal.timeout(5_000),
      });
      last = `${response.status} ${(await response.text()).slice(0, 300)}`;
      if (response.status === 200) return 'ready';
    } catch (error) {
      last = `no answer: ${(error as Error).message}`;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  } while (Date.now() < deadline);
  return last;
}

/** Every service its own process, on PostgreSQL, Redis and an S3 server (test/support/production-topology.ts). */
export async function startProductionTarget(): Promise<Target> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hostile-probe-'));
  const file = path.join(folder, 'memory.json');
  const topology = await startProductionTopology({
    nodeArgs: { gateway: probeArgs },
    env: { MEMORY_PROBE_FILE: file },
    readyTimeoutMs: 90_000,
  });
  const gateway = topology.processes.find((p) => p.name === 'gateway')!;
  return {
    kind: 'production',
    gatewayUrl: topology.gatewayUrl,
    wsUrl: topology.gatewayUrl.replace(/^http/, 'ws'),
    subgraphUrls: Object.fromEntries(subgraphNames.map((n) => [n, topology.subgraphUrls[n][0]])) as Record<
      SubgraphName,
      string
    >,
    internalSecret: topology.env.INTERNAL_SECRET,
    topology,
    memory: () => probeMemory(gateway, file),
    ready: () => readiness(topology.gatewayUrl),
    async stop() {
      await topology.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** `npm start`: one process, SQLite, in-memory bus and cache, its own object store (test/support/embedded.ts). */
export async function startEmbeddedTarget(): Promise<Target> {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'hostile-embedded-'));
  const file = path.join(folder, 'memory.json');
  const internalSecret = randomBytes(32).toString('hex');
  // Fixed subgraph ports, so that the corpus can call the subgraphs directly as an attacker on the host would.
  const ports = Object.fromEntries(
    await Promise.all(subgraphNames.map(async (name) => [name, await findFreePort()] as const)),
  ) as Record<SubgraphName, number>;
  const portEnv = Object.fromEntries(subgraphNames.map((n) => [`${n.toUpperCase()}_PORT`, String(ports[n])]));
  const { process: service, url } = await startEmbedded(path.join(folder, 'data'), {
    env: { ...portEnv, INTERNAL_SECRET: internalSecret, MEMORY_PROBE_FILE: file },
    nodeArgs: probeArgs,
  });
  const gatewayUrl = url.replace('localhost', '127.0.0.1');
  return {
    kind: 'embedded',
    gatewayUrl,
    wsUrl: gatewayUrl.replace(/^http/, 'ws'),
    subgraphUrls: Object.fromEntries(
      subgraphNames.map((n) => [n, `http://127.0.0.1:${ports[n]}/graphql`]),
    ) as Record<SubgraphName, string>,
    internalSecret,
    memory: () => probeMemory(service, file),
    ready: () => readiness(gatewayUrl),
    async stop() {
      await service.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export const startTarget = (kind: TargetKind): Promise<Target> =>
  kind === 'production' ? startProductionTarget() : startEmbeddedTarget();

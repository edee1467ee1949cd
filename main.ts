import { subgraphNames, type Config } from './lib/config';
import { preparePrivateDataDir, restrictNewFiles } from './lib/data-dir';
import { createInfrastructure } from './lib/infrastructure-factory';
import { createLogger } from './lib/logger';
import { readSupergraphSdl } from './lib/paths';
import { findFreePort, loadConfigOrExit, stopOnSignals } from './lib/process';
import { startSubgraph, type StartedSubgraph } from './lib/start-subgraph';
import { startConfiguredTracing, stopTracing } from './lib/tracing/tracing';
import { startConfiguredGateway } from './gateway/start-configured-gateway';
import { subgraphModules } from './subgraphs';
import {
  startTrainingWorker,
  type TrainingWorker,
} from './subgraphs/registry/training-worker/training-worker';

/**
 * Embedded mode (`npm start`): every subgraph and the gateway in one process. Without DATABASE_URL, REDIS_URL and
 * S3_* it needs nothing but Node: SQLite files, in-memory bus/cache/rate limiter and a file object store whose
 * signed URLs this process serves, all under DATA_DIR, so data survives a restart.
 */
async function main(): Promise<void> {
  const started = performance.now();
  // Before anything writes under DATA_DIR (SQLite, the object store, logs of a crash): owner-only files.
  restrictNewFiles();
  const config: Config = loadConfigOrExit('embedded');
  await startConfiguredTracing(config);
  const logger = createLogger('mlaas', config.logLevel);
  preparePrivateDataDir(config.dataDir);
  // Port 0 means "any free port": services must know each other's ports before they start.
  for (const name of ['gateway', ...subgraphNames] as const) {
    if (config.ports[name] === 0) config.ports[name] = await findFreePort();
  }
  // Subgraphs are internal: in one process they need not listen beyond this machine.
  const subgraphConfig: Config = { ...config, host: '127.0.0.1' };

  const infrastructure = await createInfrastructure(config, logger);
  const subgraphs: StartedSubgraph[] = [];
  let worker: TrainingWorker | undefined;
  const stop = async () => {
    await gateway?.stop();
    await worker?.stop();
    for (const subgraph of subgraphs.reverse()) await subgraph.stop();
    await infrastructure.close();
    await stopTracing();
  };
  let gateway: { stop(): Promise<void> } | undefined;
  try {
    for (const name of subgraphNames) {
      subgraphs.push(
        await startSubgraph(subgraphModules[name], { config: subgraphConfig, infrastructure, logger }),
      );
    }
    // Training runs on worker threads of this process, so the event loop that serves requests stays free.
    const registry = subgraphs.find((s) => s.name === 'registry')!;
    worker = await startTrainingWorker(subgraphConfig, registry.orm, infrastructure, logger);
    const running = await startConfiguredGateway(config, logger, readSupergraphSdl());
    gateway = running;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const lines = [
      `mlaas is running (embedded mode, data in ${config.dataDir}) — started in ${seconds}s`,
      `  GraphQL + playground  http://localhost:${running.port}/graphql`,
      `  subscriptions         ws://localhost:${running.port}/graphql`,
      `  health                http://localhost:${running.port}/health/ready`,
      `  object store          ${infrastructure.objectStoreUrl}`,
      ...subgraphs.map((s) => `  ${s.name.padEnd(21)} ${s.url}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (error) {
    await stop();
    throw error;
  }
  stopOnSignals(logger, stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`mlaas failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

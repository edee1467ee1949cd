import { migrate, openDatabase } from '../../../lib/database';
import { createInfrastructure } from '../../../lib/infrastructure-factory';
import { createLogger } from '../../../lib/logger';
import { loadConfigOrExit, stopOnSignals } from '../../../lib/process';
import { startConfiguredTracing, stopTracing } from '../../../lib/tracing/tracing';
import { registryModule } from '../module';
import { startTrainingWorker } from './training-worker';

/**
 * `npm run start:worker`: a training worker process (production topology; run as many as you like). It serves
 * no requests: it takes jobs from the queue on Redis, reads datasets from S3, trains and registers results in
 * the registry's database.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('service', {
    database: true,
    redis: true,
    objectStore: true,
    internalSecret: false,
  });
  await startConfiguredTracing(config);
  const logger = createLogger('training-worker', config.logLevel);
  const infrastructure = await createInfrastructure(config, logger);
  const orm = await openDatabase({
    subgraph: 'registry',
    entities: registryModule.entities,
    migrations: registryModule.migrations,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    logger,
    tracedAs: 'training-worker',
  });
  // Under the same advisory lock as the registry's own start: whichever comes first migrates.
  await migrate(orm, 'registry');
  const worker = await startTrainingWorker(config, orm, infrastructure, logger);
  // Whatever the log level: a supervisor (or a test) waits for this line.
  process.stdout.write(`training worker consuming (concurrency ${config.training.concurrency})\n`);
  stopOnSignals(logger, async () => {
    await worker.stop();
    await orm.close();
    await infrastructure.close();
    await stopTracing();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`training worker failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

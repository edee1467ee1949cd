import { createLogger } from '../lib/logger';
import { readSupergraphSdl } from '../lib/paths';
import { loadConfigOrExit, stopOnSignals } from '../lib/process';
import { startConfiguredTracing, stopTracing } from '../lib/tracing/tracing';
import { startConfiguredGateway } from './start-configured-gateway';

/** The gateway as its own process (production topology). It keeps no state, so it scales out freely. */
async function main(): Promise<void> {
  // The gateway keeps no state: it needs the subgraphs and the internal secret, not the database or S3.
  const config = loadConfigOrExit('service', { database: false, redis: false, objectStore: false });
  await startConfiguredTracing(config);
  const logger = createLogger('gateway', config.logLevel);
  const gateway = await startConfiguredGateway(config, logger, readSupergraphSdl());
  logger.info({ url: gateway.url }, `gateway serving ${gateway.url}`);
  stopOnSignals(logger, async () => {
    await gateway.stop();
    await stopTracing();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

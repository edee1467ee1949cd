import { createInfrastructure } from './infrastructure-factory';
import { createLogger } from './logger';
import { loadConfigOrExit, stopOnSignals } from './process';
import { startSubgraph } from './start-subgraph';
import type { SubgraphModule } from './subgraph-module';
import { startConfiguredTracing, stopTracing } from './tracing/tracing';

/**
 * Entry point of a subgraph running as its own process (production topology). The entry passes its own module,
 * so that the process loads no other subgraph's code.
 */
export async function runSubgraphProcess(module: SubgraphModule): Promise<void> {
  const config = loadConfigOrExit('service');
  await startConfiguredTracing(config);
  const logger = createLogger(module.name, config.logLevel);
  const infrastructure = await createInfrastructure(config, logger);
  const service = await startSubgraph(module, { config, infrastructure, logger });
  logger.info({ url: service.url }, `${module.name} serving ${service.url}`);
  stopOnSignals(logger, async () => {
    await service.stop();
    await infrastructure.close();
    await stopTracing();
  });
}

import type { SubgraphName } from './config';
import { createInfrastructure } from './infrastructure-factory';
import { createLogger } from './logger';
import { loadConfigOrExit, stopOnSignals } from './process';
import { startSubgraph } from './start-subgraph';
import { loadSubgraphModule } from './subgraph-modules';

/** Entry point of a subgraph running as its own process (production topology). */
export async function runSubgraphProcess(name: SubgraphName): Promise<void> {
  const config = loadConfigOrExit('service');
  const logger = createLogger(name, config.logLevel);
  const infrastructure = await createInfrastructure(config, logger);
  const service = await startSubgraph(loadSubgraphModule(name), { config, infrastructure, logger });
  logger.info({ url: service.url }, `${name} serving ${service.url}`);
  stopOnSignals(logger, async () => {
    await service.stop();
    await infrastructure.close();
  });
}

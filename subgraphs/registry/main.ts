import { runSubgraphProcess } from '../../lib/subgraph-process';
import { registryModule } from './module';

runSubgraphProcess(registryModule).catch((error: unknown) => {
  process.stderr.write(`registry failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

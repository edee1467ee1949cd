import { runSubgraphProcess } from '../../lib/subgraph-process';
import { identityModule } from './module';

runSubgraphProcess(identityModule).catch((error: unknown) => {
  process.stderr.write(`identity failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

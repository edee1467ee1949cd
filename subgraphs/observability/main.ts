import { runSubgraphProcess } from '../../lib/subgraph-process';
import { observabilityModule } from './module';

runSubgraphProcess(observabilityModule).catch((error: unknown) => {
  process.stderr.write(`observability failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

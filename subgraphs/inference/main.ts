import { runSubgraphProcess } from '../../lib/subgraph-process';
import { inferenceModule } from './module';

runSubgraphProcess(inferenceModule).catch((error: unknown) => {
  process.stderr.write(`inference failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

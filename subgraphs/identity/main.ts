import { runSubgraphProcess } from '../../lib/subgraph-process';

runSubgraphProcess('identity').catch((error: unknown) => {
  process.stderr.write(`identity failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

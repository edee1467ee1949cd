import { runSubgraphProcess } from '../../lib/subgraph-process';

runSubgraphProcess('registry').catch((error: unknown) => {
  process.stderr.write(`registry failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

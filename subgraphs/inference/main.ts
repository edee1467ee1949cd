import { runSubgraphProcess } from '../../lib/subgraph-process';

runSubgraphProcess('inference').catch((error: unknown) => {
  process.stderr.write(`inference failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

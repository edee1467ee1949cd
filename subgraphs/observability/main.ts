import { runSubgraphProcess } from '../../lib/subgraph-process';

runSubgraphProcess('observability').catch((error: unknown) => {
  process.stderr.write(`observability failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});

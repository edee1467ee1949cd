import { directSubgraphCases } from './cases/direct-subgraph-calls';
import { describeCorpus } from './support/run-corpus';

describeCorpus('direct subgraph calls', directSubgraphCases());

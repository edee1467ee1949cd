import { isolationCases } from './cases/isolation';
import { describeCorpus } from './support/run-corpus';

describeCorpus('isolation', isolationCases());

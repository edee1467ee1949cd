import { tokenCases } from './cases/tokens';
import { describeCorpus } from './support/run-corpus';

describeCorpus('tokens', tokenCases());

import { stringCases } from './cases/strings';
import { describeCorpus } from './support/run-corpus';

describeCorpus('strings', stringCases());

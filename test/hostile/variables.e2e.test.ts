import { variableCases } from './cases/variables';
import { describeCorpus } from './support/run-corpus';

describeCorpus('variables', variableCases());

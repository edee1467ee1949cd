import { operationLimitCases } from './cases/operation-limits';
import { describeCorpus } from './support/run-corpus';

describeCorpus('operation limits', operationLimitCases());

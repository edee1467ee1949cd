import { dateAndCursorCases } from './cases/dates-and-cursors';
import { describeCorpus } from './support/run-corpus';

describeCorpus('dates and cursors', dateAndCursorCases());

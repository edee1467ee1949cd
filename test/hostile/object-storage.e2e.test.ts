import { objectStorageCases } from './cases/object-storage';
import { describeCorpus } from './support/run-corpus';

describeCorpus('object storage', objectStorageCases());

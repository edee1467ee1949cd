import { webSocketCases } from './cases/websocket';
import { describeCorpus } from './support/run-corpus';

describeCorpus('websocket', webSocketCases());

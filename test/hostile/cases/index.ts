import type { HostileCase } from '../support/corpus';
import { dateAndCursorCases } from './dates-and-cursors';
import { directSubgraphCases } from './direct-subgraph-calls';
import { isolationCases } from './isolation';
import { objectStorageCases } from './object-storage';
import { operationLimitCases } from './operation-limits';
import { stringCases } from './strings';
import { tokenCases } from './tokens';
import { variableCases } from './variables';
import { webSocketCases } from './websocket';

/** The whole corpus, every category. */
export const allCases = (): HostileCase[] => [
  ...operationLimitCases(),
  ...variableCases(),
  ...stringCases(),
  ...dateAndCursorCases(),
  ...tokenCases(),
  ...isolationCases(),
  ...directSubgraphCases(),
  ...webSocketCases(),
  ...objectStorageCases(),
];

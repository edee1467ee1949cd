import type { RequestBase } from '../../lib/server/subgraph-server';
import type { ObservabilityServices } from './services';

/** What every observability resolver receives: the request plus services confined to the caller's organization. */
export interface ObservabilityContext extends RequestBase, ObservabilityServices {}

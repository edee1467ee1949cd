import type { RequestBase } from '../../lib/server/subgraph-server';
import type { RegistryServices } from './services';

/** What every registry resolver receives: the request plus services confined to the caller's organization. */
export interface RegistryContext extends RequestBase, RegistryServices {}

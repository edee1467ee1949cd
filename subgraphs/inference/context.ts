import type { RequestBase } from '../../lib/server/subgraph-server';
import type { InferenceServices } from './services';

/** What every inference resolver receives: the request plus services confined to the caller's organization. */
export interface InferenceContext extends RequestBase, InferenceServices {}

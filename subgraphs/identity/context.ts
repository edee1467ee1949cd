import type { RequestBase } from '../../lib/server/subgraph-server';
import type { IdentityServices } from './services';

/** What every identity resolver receives: the request plus services sharing one EntityManager. */
export interface IdentityContext extends RequestBase, IdentityServices {}

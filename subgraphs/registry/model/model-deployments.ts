/**
 * What the registry learns about a model's deployments from the inference subgraph, over the graph's internal path
 * (see lib/internal-graph.ts): the mirror image of inference asking the registry about versions. Inference applies
 * its own organization scope, so only the caller's organization's deployments are seen.
 */
import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Config } from '../../../lib/config';
import { queryInternal } from '../../../lib/internal-graph';

export interface ActiveDeployment {
  id: string;
  status: 'READY' | 'PENDING' | 'LOADING';
}

const ACTIVE = ['READY', 'PENDING', 'LOADING'] as const;

// One request, one query per status: the filter takes a single status.
const ACTIVE_QUERY = `query ($modelId: ID!) { ${ACTIVE.map(
  (status) => `${status}: deployments(filter: { modelId: $modelId, status: ${status} }, first: 1) {
    edges { node { id status } } }`,
).join(' ')} }`;

type Answer = Record<string, { edges: { node: ActiveDeployment }[] }>;

export class ModelDeployments {
  constructor(
    private readonly config: Config,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** A deployment of the model that is READY, else PENDING, else LOADING; null when none is. */
  async activeOf(caller: AuthenticatedCaller, modelId: string): Promise<ActiveDeployment | null> {
    const answer = await queryInternal<Answer>(
      this.config,
      'inference',
      caller,
      ACTIVE_QUERY,
      { modelId },
      this.fetchImpl,
    );
    const failure = answer.errors?.[0];
    if (failure || !answer.data)
      throw new Error(`the inference service answered ${answer.status}: ${failure?.message ?? 'no data'}`);
    const data = answer.data;
    return ACTIVE.map((status) => data[status].edges[0]?.node).find(Boolean) ?? null;
  }
}

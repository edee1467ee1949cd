import type { RequestBase } from '../../lib/server/subgraph-server';
import type { DeploymentService } from './deployment/deployment.service';

export interface InferenceContext extends RequestBase {
  deployments: DeploymentService;
}

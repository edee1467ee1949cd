import { DeploymentService } from './deployment/deployment.service';
import type { InferenceRequest } from './inference-request';

/** Every inference service of one request, sharing the request's caller and EntityManager. */
export interface InferenceServices {
  deployments: DeploymentService;
}

/**
 * The one place the inference subgraph's services are wired. They need nothing beyond the request yet; process-wide
 * dependencies (a model runtime, a queue) arrive here as a second argument, as the registry's do.
 */
export function createInferenceServices(request: InferenceRequest): InferenceServices {
  return { deployments: new DeploymentService(request) };
}

import { DeploymentRolloutService } from './deployment/deployment-rollout.service';
import type { DeploymentRollouts } from './deployment/deployment-rollouts';
import { DeploymentService } from './deployment/deployment.service';
import type { RegistryVersions } from './deployment/registry-versions';
import type { InferenceRequest } from './inference-request';
import { PredictionService } from './prediction/prediction.service';
import type { DeploymentEvent } from './serving/deployment-events';
import type { ModelSessions } from './serving/model-sessions';

/** Every inference service of one request, sharing the request's caller and EntityManager. */
export interface InferenceServices {
  deployments: DeploymentService;
  rollouts: DeploymentRolloutService;
  predictions: PredictionService;
}

/** What the services share across requests: the replica's loaded models and the way to the registry. */
export interface InferenceDependencies {
  registry: RegistryVersions;
  sessions: ModelSessions;
  /** Loads deployments and switches models to them, waited for or in the background. */
  rollouts: DeploymentRollouts;
  predictBatchMax: number;
  /** Tells every replica (this one included) that a deployment became READY or was STOPPED. */
  announce(event: DeploymentEvent): Promise<void>;
}

/** The one place the inference subgraph's services are wired. */
export function createInferenceServices(
  request: InferenceRequest,
  dependencies: InferenceDependencies,
): InferenceServices {
  const deployments = new DeploymentService(request);
  return {
    deployments,
    rollouts: new DeploymentRolloutService(request, deployments, dependencies),
    predictions: new PredictionService(
      request,
      deployments,
      dependencies.sessions,
      dependencies.predictBatchMax,
    ),
  };
}

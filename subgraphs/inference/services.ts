import { DeploymentRolloutService } from './deployment/deployment-rollout.service';
import type { DeploymentRollouts } from './deployment/deployment-rollouts';
import { DeploymentService } from './deployment/deployment.service';
import type { RegistryVersions } from './deployment/registry-versions';
import type { InferenceRequest } from './inference-request';
import type { ModelNames } from './oip/model-names';
import { OpenInferenceService } from './oip/open-inference.service';
import { PredictionService, type PredictionDependencies } from './prediction/prediction.service';
import type { DeploymentEvent } from './serving/deployment-events';
import type { ModelSessions } from './serving/model-sessions';

/** Every inference service of one request, sharing the request's caller and EntityManager. */
export interface InferenceServices {
  deployments: DeploymentService;
  rollouts: DeploymentRolloutService;
  predictions: PredictionService;
  /** The Open Inference Protocol (`/v2/models/…`) over the services above. */
  oip: OpenInferenceService;
}

/**
 * What the services share across requests: the replica's loaded models, its prediction cache, event queue and
 * metrics, and the way to the registry.
 */
export interface InferenceDependencies extends PredictionDependencies {
  registry: RegistryVersions;
  sessions: ModelSessions;
  /** Model names → ids (and version ids → numbers) for the Open Inference Protocol, remembered across requests. */
  modelNames: ModelNames;
  /** Loads deployments and switches models to them, waited for or in the background. */
  rollouts: DeploymentRollouts;
  /** Tells every replica (this one included) that a deployment became READY or was STOPPED. */
  announce(event: DeploymentEvent): Promise<void>;
}

/** The one place the inference subgraph's services are wired. */
export function createInferenceServices(
  request: InferenceRequest,
  dependencies: InferenceDependencies,
): InferenceServices {
  const deployments = new DeploymentService(request, dependencies.registry);
  const predictions = new PredictionService(request, deployments, dependencies);
  return {
    deployments,
    rollouts: new DeploymentRolloutService(request, deployments, dependencies),
    predictions,
    oip: new OpenInferenceService(
      request,
      predictions,
      dependencies.modelNames,
      dependencies.predictBatchMax,
    ),
  };
}

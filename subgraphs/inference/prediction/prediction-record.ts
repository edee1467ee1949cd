import { randomUUID } from 'node:crypto';
import type { FeatureSpec } from '../../../ml/feature';
import type { RowPrediction } from '../../../ml/onnx-runtime/serving-model';
import type { Deployment } from '../deployment/deployment.entity';
import type { PredictionCacheLevel } from './prediction-cache';
import type { PredictionEvent } from './prediction-events';
import { namedFeatures, type FeatureVector } from './prediction-key';
import type { PredictionInputArgument } from './prediction-input';

/** One answered row, before it becomes a Prediction and an event. */
export interface RowOutcome {
  vector: FeatureVector;
  prediction: RowPrediction;
  latencyMs: number;
  cachedIn: PredictionCacheLevel | null;
}

/** The events of a call's answered rows. */
export function answeredEvents(deployment: Deployment, outcomes: readonly RowOutcome[]): PredictionEvent[] {
  const time = new Date().toISOString();
  return outcomes.map(({ vector, prediction, latencyMs, cachedIn }) => ({
    ...eventBase(deployment, time),
    features: namedFeatures(vector, deployment.inputSchema),
    output: { label: prediction.label, value: prediction.value, probabilities: prediction.probabilities },
    latencyMs,
    cacheHit: cachedIn !== null,
    cachedIn,
    error: null,
  }));
}

/** The events of a call that failed: one per row, with the reason and the row as far as it could be read. */
export function failedEvents(
  deployment: Deployment,
  inputs: readonly PredictionInputArgument[],
  latencyMs: number,
  error: unknown,
): PredictionEvent[] {
  const time = new Date().toISOString();
  const message = error instanceof Error ? error.message : String(error);
  return inputs.map((input) => ({
    ...eventBase(deployment, time),
    features: featuresOfInput(input, deployment.inputSchema),
    output: null,
    latencyMs,
    cacheHit: false,
    cachedIn: null,
    error: message,
  }));
}

function eventBase(deployment: Deployment, time: string) {
  return {
    eventId: randomUUID(),
    organizationId: deployment.organizationId,
    modelId: deployment.modelId,
    versionId: deployment.versionId,
    deploymentId: deployment.id,
    time,
  };
}

/** A row the model could not take, named as well as it can be (it may be the reason the call failed). */
function featuresOfInput(
  input: PredictionInputArgument,
  features: readonly FeatureSpec[],
): Record<string, number | string | null> {
  if (Array.isArray(input.features)) return namedFeatures([...input.features], features);
  const named = input.named;
  if (named !== null && typeof named === 'object' && !Array.isArray(named))
    return named as Record<string, number | string | null>;
  return {};
}

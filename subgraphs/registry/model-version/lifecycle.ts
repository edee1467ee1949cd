import type { Model } from '../model/model.entity';
import type { ModelVersionRepository } from './model-version.repository';
import { modelLifecycle } from './stage-rules';

/**
 * Brings the model's lifecycle in line with its READY versions' stages. Call it in the transaction that changed
 * them, after `lockModel`, so that two such transactions cannot each write a lifecycle computed without the
 * other's change.
 */
export async function recomputeLifecycle(
  repository: ModelVersionRepository,
  model: Model,
  now: Date,
): Promise<void> {
  const lifecycle = modelLifecycle(await repository.readyStages(model.id));
  if (lifecycle === model.lifecycle) return;
  model.lifecycle = lifecycle;
  model.updatedAt = now;
  await repository.flush();
}

import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Config } from '../../../lib/config';
import { errors } from '../../../lib/errors';
import { isUuid } from '../../../lib/ids';
import { queryInternal } from '../../../lib/internal-graph';

const MODEL_QUERY = 'query ($id: ID!) { model(id: $id) { id } }';

/**
 * NOT_FOUND unless the registry knows the model in the caller's organization. Observability cannot tell by its own
 * rows: a model that has served nothing yet has none, and rows say nothing of a model deleted since.
 */
export async function assertModelOfCaller(
  config: Config,
  caller: AuthenticatedCaller,
  modelId: string,
  fetchImpl?: typeof fetch,
): Promise<void> {
  if (!isUuid(modelId)) throw errors.notFound('Model', modelId);
  type Answer = { model: { id: string } | null };
  const answer = await queryInternal<Answer>(
    config,
    'registry',
    caller,
    MODEL_QUERY,
    { id: modelId },
    fetchImpl,
  );
  const failure = answer.errors?.[0];
  if (failure?.extensions?.code === 'NOT_FOUND' || (!failure && answer.data && !answer.data.model))
    throw errors.notFound('Model', modelId);
  if (failure || !answer.data)
    throw errors.serviceUnavailable(`The registry could not tell whether model ${modelId} exists; try again`);
}

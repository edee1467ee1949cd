import type { EntityManager } from '../../../lib/database';
import type { PredictionEvent } from '../../../lib/stream/prediction-stream';
import { defaultDriftPolicy, DriftPolicy } from '../drift-policy/drift-policy.entity';
import { DriftState } from './drift-state.entity';
import { lockDriftState } from './drift-state-lock';
import { DriftWindowRow } from './window-row.entity';

/** A model whose window filled up: a report is due on it. */
export interface DueReport {
  organizationId: string;
  modelId: string;
}

/**
 * Adds the successful predictions (cached answers too) to their models' windows, in the caller's transaction.
 * A model's window holds rows of one version, that of its most recent prediction: a prediction of another version
 * starts a fresh window, and older rows of other versions in the same batch are left out. Each window keeps its
 * newest `windowSize` rows; a report is due each time `windowSize` rows have arrived since the last one (counted
 * in the model's locked state row, so two replicas never both see it due).
 */
export async function addToWindows(
  em: EntityManager,
  events: readonly PredictionEvent[],
): Promise<DueReport[]> {
  const byModel = new Map<string, PredictionEvent[]>();
  for (const event of events) {
    if (event.error !== null || event.output === null) continue;
    const key = `${event.organizationId}/${event.modelId}`;
    byModel.set(key, [...(byModel.get(key) ?? []), event]);
  }
  const due: DueReport[] = [];
  for (const predictions of byModel.values()) {
    if (await addToWindow(em, predictions)) due.push(predictions[0]);
  }
  return due.map(({ organizationId, modelId }) => ({ organizationId, modelId }));
}

async function addToWindow(em: EntityManager, predictions: PredictionEvent[]): Promise<boolean> {
  const { organizationId, modelId } = predictions[0];
  const versionId = predictions[predictions.length - 1].versionId;
  const policy = await em.findOne(DriftPolicy, { organizationId, modelId }, { filters: false });
  const windowSize = policy?.windowSize ?? defaultDriftPolicy.windowSize;
  const state = await lockState(em, organizationId, modelId, versionId);
  if (state.versionId !== versionId) {
    await em.nativeDelete(DriftWindowRow, { modelId });
    state.versionId = versionId;
    state.rowsSinceReport = 0;
  }
  const rows = predictions
    .filter((p) => p.versionId === versionId)
    .map((p) => ({ organizationId, modelId, versionId, features: p.features }));
  await em.insertMany(DriftWindowRow, rows);
  await prune(em, modelId, windowSize);
  const arrived = state.rowsSinceReport + rows.length;
  state.rowsSinceReport = arrived % windowSize;
  await em.flush();
  return arrived >= windowSize;
}

/** The model's state row, created first if it has none (by whichever replica gets there first), locked. */
async function lockState(
  em: EntityManager,
  organizationId: string,
  modelId: string,
  versionId: string,
): Promise<DriftState> {
  await em.upsert(
    DriftState,
    { modelId, organizationId, versionId, rowsSinceReport: 0 },
    { onConflictFields: ['modelId'], onConflictAction: 'ignore' },
  );
  return (await lockDriftState(em, modelId))!;
}

/** Keeps the newest `size` rows of the model's window. */
async function prune(em: EntityManager, modelId: string, size: number): Promise<void> {
  const [oldestKept] = await em.find(
    DriftWindowRow,
    { modelId },
    { orderBy: { seq: 'desc' }, offset: size - 1, limit: 1, fields: ['seq'] },
  );
  if (oldestKept) await em.nativeDelete(DriftWindowRow, { modelId, seq: { $lt: oldestKept.seq } });
}

import type { EntityManager } from '../../../lib/database';
import { DriftState } from './drift-state.entity';
import { DriftWindowRow } from './window-row.entity';

/** A model's current window as a report reads it: the newest rows of the version the window holds. */
export interface CurrentWindow {
  versionId: string;
  rows: DriftWindowRow['features'][];
}

/** The newest `size` rows of the model's window, null when it never had a prediction. */
export async function readWindow(
  em: EntityManager,
  organizationId: string,
  modelId: string,
  size: number,
): Promise<CurrentWindow | null> {
  const state = await em.findOne(DriftState, { modelId, organizationId }, { refresh: true });
  if (!state) return null;
  const rows = await em.find(
    DriftWindowRow,
    { modelId, versionId: state.versionId, organizationId },
    { orderBy: { seq: 'desc' }, limit: size, fields: ['features'] },
  );
  return { versionId: state.versionId, rows: rows.map((row) => row.features) };
}

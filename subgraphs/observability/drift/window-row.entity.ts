import { EntitySchema } from '@mikro-orm/core';

/**
 * One predicted row of a model's current window. Internal to the drift consumer (never served, so no
 * organization filter: the consumer writes rows of every organization in one transaction); `seq` orders rows by
 * arrival, which is what "the newest windowSize rows" means.
 */
export class DriftWindowRow {
  seq?: string;
  organizationId!: string;
  modelId!: string;
  versionId!: string;
  features!: Record<string, number | string | null>;
}

export const DriftWindowRowSchema = new EntitySchema<DriftWindowRow>({
  class: DriftWindowRow,
  tableName: 'drift_window_rows',
  indexes: [{ properties: ['modelId', 'seq'] }],
  properties: {
    seq: { type: 'bigint', primary: true, autoincrement: true },
    organizationId: { type: 'uuid' },
    modelId: { type: 'uuid' },
    versionId: { type: 'uuid' },
    features: { type: 'json' },
  },
});

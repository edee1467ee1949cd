import { EntitySchema } from '@mikro-orm/core';
import { TimestampedEntity, timestampedEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';
import { lifecycles, Model, type Lifecycle } from '../model/model.entity';
import type { FeatureSpec } from '../../../ml/feature';
import type { OnnxModelInfo } from '../../../ml/onnx-reader/onnx-model-info';

export const versionStatuses = ['PENDING_UPLOAD', 'READY', 'EXPIRED', 'INVALID'] as const;
export type VersionStatus = (typeof versionStatuses)[number];
export const artifactFormats = ['ONNX'] as const;
export type ArtifactFormat = (typeof artifactFormats)[number];

export class ModelVersion extends TimestampedEntity {
  model!: Model;
  version!: number;
  stage: Lifecycle = 'DEVELOPMENT';
  status: VersionStatus = 'PENDING_UPLOAD';
  statusReason: string | null = null;
  format!: ArtifactFormat;
  inputSchema!: FeatureSpec[];
  outputLabels: string[] | null = null;
  metrics: Record<string, number> | null = null;
  /** The experiment-tracking run that produced the version (owned by the experiments part of the registry). */
  runId: string | null = null;
  /**
   * The training data's per-feature distribution (training/reference-distribution.ts), for drift detection;
   * lazy, so that listing versions does not read it. Set by training jobs only. No initializer: an entity
   * loaded without the lazy column must not flush it back as null.
   */
  referenceDistribution?: unknown;
  /**
   * Where the version's file is: its staging key while PENDING_UPLOAD (the key the upload URL writes), then,
   * once READY, the immutable key of the verified copy (see artifact/staged-upload.ts). INVALID and EXPIRED
   * versions keep the staging key, whose object is removed.
   */
  artifactKey!: string;
  /** Set when the upload completes. At most 2^31 - 1: the protobuf limit of a single ONNX file. */
  sizeBytes: number | null = null;
  sha256: string | null = null;
  onnx: OnnxModelInfo | null = null;
  uploadExpiresAt!: Date;
}

export const ModelVersionSchema = new EntitySchema<ModelVersion>({
  class: ModelVersion,
  tableName: 'model_versions',
  filters: organizationFilter,
  uniques: [
    { name: 'model_versions_model_id_version_unique', properties: ['model', 'version'] },
    // The database's own guarantee of one PRODUCTION version per model (partial index, PostgreSQL and SQLite).
    {
      name: 'model_versions_one_production_per_model',
      expression: (table, columns, name) =>
        `create unique index ${name} on ${table} (${columns.model}) where ${columns.stage} = 'PRODUCTION'`,
    },
  ],
  indexes: [
    // The sweeper looks for abandoned uploads across every organization.
    { name: 'model_versions_status_upload_expires_at_index', properties: ['status', 'uploadExpiresAt'] },
    // Run.modelVersions.
    { name: 'model_versions_run_id_index', properties: ['runId'] },
  ],
  properties: {
    ...timestampedEntityProperties,
    // No cascade: deleting a model must go through the service, which also schedules the files' removal.
    model: { kind: 'm:1', entity: () => Model },
    version: { type: 'integer' },
    stage: { enum: true, items: () => [...lifecycles], default: 'DEVELOPMENT' },
    status: { enum: true, items: () => [...versionStatuses] },
    statusReason: { type: 'text', nullable: true },
    format: { enum: true, items: () => [...artifactFormats] },
    inputSchema: { type: 'json' },
    outputLabels: { type: 'json', nullable: true },
    metrics: { type: 'json', nullable: true },
    runId: { type: 'uuid', nullable: true },
    referenceDistribution: { type: 'json', nullable: true, lazy: true },
    artifactKey: { type: 'string', length: 300 },
    sizeBytes: { type: 'integer', nullable: true },
    sha256: { type: 'string', length: 64, nullable: true },
    onnx: { type: 'json', nullable: true },
    uploadExpiresAt: { type: 'datetime' },
  },
});

/** One row per tag of a version; read only for versions already loaded in scope (as model tags are). */
export class ModelVersionTag {
  version!: ModelVersion;
  tag!: string;
}

export const ModelVersionTagSchema = new EntitySchema<ModelVersionTag>({
  class: ModelVersionTag,
  tableName: 'model_version_tags',
  properties: {
    version: { kind: 'm:1', entity: () => ModelVersion, primary: true, deleteRule: 'cascade' },
    tag: { type: 'string', length: 50, primary: true },
  },
});

/**
 * The last version number given out per model. Taking the next number is one `insert … on conflict do update …
 * returning` in the transaction that inserts the version: concurrent creators queue on the row, and a rolled-back
 * creation gives its number back, so numbers stay dense.
 */
export class ModelVersionCounter {
  model!: Model;
  lastVersion!: number;
}

export const ModelVersionCounterSchema = new EntitySchema<ModelVersionCounter>({
  class: ModelVersionCounter,
  tableName: 'model_version_counters',
  properties: {
    model: { kind: 'm:1', entity: () => Model, primary: true, deleteRule: 'cascade' },
    lastVersion: { type: 'integer' },
  },
});

import { EntitySchema } from '@mikro-orm/core';
import type { FeatureSpec } from '../../../ml/feature';
import { TimestampedEntity, timestampedEntityProperties } from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';

export const deploymentStatuses = ['PENDING', 'LOADING', 'READY', 'FAILED', 'STOPPED'] as const;
export type DeploymentStatus = (typeof deploymentStatuses)[number];
/** Serving or about to: what keeps a model from being deleted, and what a switch weighs. */
export const activeStatuses = ['PENDING', 'LOADING', 'READY'] as const satisfies DeploymentStatus[];

/**
 * A version being served. What serving needs of the version is copied from the registry when the deployment is
 * made, so that predicting never asks the registry (the subgraphs own their tables).
 */
export class Deployment extends TimestampedEntity {
  modelId!: string;
  versionId!: string;
  status: DeploymentStatus = 'PENDING';
  error?: string | null;
  readyAt?: Date | null;
  /** The model's TaskType in the registry (CLASSIFICATION, REGRESSION…). */
  taskType!: string;
  /** The version's features, in positional order. */
  inputSchema!: FeatureSpec[];
  outputLabels?: string[] | null;
  /** The object key of the file and its SHA-256 as recorded at upload: the bytes loaded are checked against it. */
  artifactKey!: string;
  sha256!: string;
  /** Seconds its predictions stay cached: 0 never, null the service's default (PREDICTION_CACHE_TTL_SECONDS). */
  cacheTtlSeconds?: number | null;
}

export const DeploymentSchema = new EntitySchema<Deployment>({
  class: Deployment,
  tableName: 'deployments',
  filters: organizationFilter,
  indexes: [{ properties: ['organizationId', 'modelId'] }],
  properties: {
    ...timestampedEntityProperties,
    modelId: { type: 'uuid' },
    versionId: { type: 'uuid' },
    status: { enum: true, items: () => [...deploymentStatuses], default: 'PENDING' },
    error: { type: 'text', nullable: true },
    readyAt: { type: 'datetime', nullable: true },
    taskType: { type: 'text' },
    inputSchema: { type: 'json' },
    outputLabels: { type: 'json', nullable: true },
    artifactKey: { type: 'text' },
    sha256: { type: 'text' },
    cacheTtlSeconds: { type: 'integer', nullable: true },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});

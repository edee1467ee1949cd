import { EntitySchema } from '@mikro-orm/core';
import {
  newestFirstIndex,
  OwnedEntity,
  ownedEntityProperties,
  uniqueNameIndex,
} from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';

export const frameworks = ['SKLEARN', 'PYTORCH', 'TENSORFLOW', 'XGBOOST', 'ONNX', 'MLAAS'] as const;
export type Framework = (typeof frameworks)[number];
export const taskTypes = ['CLASSIFICATION', 'REGRESSION', 'CLUSTERING', 'ANOMALY_DETECTION'] as const;
export type TaskType = (typeof taskTypes)[number];
export const lifecycles = ['DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED'] as const;
export type Lifecycle = (typeof lifecycles)[number];

export class Model extends OwnedEntity {
  name!: string;
  description: string | null = null;
  framework!: Framework;
  taskType!: TaskType;
  lifecycle: Lifecycle = 'DEVELOPMENT';
}

export const ModelSchema = new EntitySchema<Model>({
  class: Model,
  tableName: 'models',
  filters: organizationFilter,
  uniques: [uniqueNameIndex('models')],
  // Keyset pagination reads these in either direction, within one organization.
  indexes: [
    newestFirstIndex('models'),
    { name: 'models_organization_id_updated_at_id_index', properties: ['organizationId', 'updatedAt', 'id'] },
  ],
  properties: {
    ...ownedEntityProperties,
    name: { type: 'string', length: 100 },
    description: { type: 'text', nullable: true },
    framework: { enum: true, items: () => [...frameworks] },
    taskType: { enum: true, items: () => [...taskTypes] },
    lifecycle: { enum: true, items: () => [...lifecycles], default: 'DEVELOPMENT' },
  },
});

/**
 * One row per tag of a model. A table rather than an array column, so that the tag filter is the same SQL on
 * PostgreSQL and SQLite and can use an index. Rows are only ever read for models already loaded in scope.
 */
export class ModelTag {
  model!: Model;
  tag!: string;
}

export const ModelTagSchema = new EntitySchema<ModelTag>({
  class: ModelTag,
  tableName: 'model_tags',
  indexes: [{ name: 'model_tags_tag_model_id_index', properties: ['tag', 'model'] }],
  properties: {
    model: { kind: 'm:1', entity: () => Model, primary: true, deleteRule: 'cascade' },
    tag: { type: 'string', length: 50, primary: true },
  },
});

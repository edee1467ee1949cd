import { EntitySchema } from '@mikro-orm/core';
import { Model } from '../model/model.entity';
import { ModelVersion } from './model-version.entity';

/**
 * A named pointer from a model to one of its versions, unique per model (the primary key). Read only for models
 * and versions already loaded in scope.
 */
export class ModelAlias {
  model!: Model;
  name!: string;
  version!: ModelVersion;
  updatedAt: Date = new Date();
}

export const ModelAliasSchema = new EntitySchema<ModelAlias>({
  class: ModelAlias,
  tableName: 'model_aliases',
  indexes: [{ name: 'model_aliases_version_id_index', properties: ['version'] }],
  properties: {
    model: { kind: 'm:1', entity: () => Model, primary: true, deleteRule: 'cascade' },
    name: { type: 'string', length: 64, primary: true },
    version: { kind: 'm:1', entity: () => ModelVersion, deleteRule: 'cascade' },
    updatedAt: { type: 'datetime' },
  },
});

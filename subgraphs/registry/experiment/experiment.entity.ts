import { EntitySchema } from '@mikro-orm/core';
import {
  newestFirstIndex,
  OrganizationEntity,
  organizationEntityProperties,
  uniqueNameIndex,
} from '../../../lib/organization-entity';
import { organizationFilter } from '../../../lib/organization-scope';

/** A named group of runs (as in MLflow Tracking). Names are unique within an organization. */
export class Experiment extends OrganizationEntity {
  name!: string;
  description: string | null = null;
  // Set here rather than by the database so that a keyset cursor holds exactly the stored value.
  createdAt: Date = new Date();
}

export const ExperimentSchema = new EntitySchema<Experiment>({
  class: Experiment,
  tableName: 'experiments',
  filters: organizationFilter,
  uniques: [uniqueNameIndex('experiments')],
  indexes: [newestFirstIndex('experiments')],
  properties: {
    ...organizationEntityProperties,
    name: { type: 'string', length: 100 },
    description: { type: 'text', nullable: true },
    createdAt: { type: 'datetime' },
  },
});

/** One row per tag of an experiment; carries the organization so that it is scoped on its own too. */
export class ExperimentTag {
  experiment!: Experiment;
  tag!: string;
  organizationId!: string;
}

export const ExperimentTagSchema = new EntitySchema<ExperimentTag>({
  class: ExperimentTag,
  tableName: 'experiment_tags',
  filters: organizationFilter,
  properties: {
    experiment: { kind: 'm:1', entity: () => Experiment, primary: true, deleteRule: 'cascade' },
    tag: { type: 'string', length: 50, primary: true },
    organizationId: { type: 'uuid' },
  },
});

// Written by scripts/migration-create.ts; do not edit.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123130425_init } from './Migration20261123130425_init';
import { Migration20261123135106_experiments } from './Migration20261123135106_experiments';
import { Migration20261123135330_versions } from './Migration20261123135330_versions';
import { Migration20261123141621_run_link } from './Migration20261123141621_run_link';
import { Migration20261123141928_datasets } from './Migration20261123141928_datasets';
import { Migration20261123152514_training_jobs } from './Migration20261123152514_training_jobs';
import { Migration20261203162530_dataset_sha256 } from './Migration20261203162530_dataset_sha256';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123130425_init', class: Migration20261123130425_init },
  { name: 'Migration20261123135106_experiments', class: Migration20261123135106_experiments },
  { name: 'Migration20261123135330_versions', class: Migration20261123135330_versions },
  { name: 'Migration20261123141621_run_link', class: Migration20261123141621_run_link },
  { name: 'Migration20261123141928_datasets', class: Migration20261123141928_datasets },
  { name: 'Migration20261123152514_training_jobs', class: Migration20261123152514_training_jobs },
  { name: 'Migration20261203162530_dataset_sha256', class: Migration20261203162530_dataset_sha256 },
];

// Written by scripts/migration-create.ts; do not edit.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123130722_init } from './Migration20261123130722_init';
import { Migration20261203090551_deployment_version } from './Migration20261203090551_deployment_version';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123130722_init', class: Migration20261123130722_init },
  { name: 'Migration20261203090551_deployment_version', class: Migration20261203090551_deployment_version },
];

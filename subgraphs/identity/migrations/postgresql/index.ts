// Written by scripts/migration-create.ts; do not edit.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123131106_init } from './Migration20261123131106_init';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123131106_init', class: Migration20261123131106_init },
];

// Written by scripts/migration-create.ts; do not edit.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123130722_init } from './Migration20261123130722_init';
import { Migration20261203090551_deployment_version } from './Migration20261203090551_deployment_version';
import { Migration20261203113132_deployment_cache_ttl } from './Migration20261203113132_deployment_cache_ttl';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123130722_init', class: Migration20261123130722_init },
  { name: 'Migration20261203090551_deployment_version', class: Migration20261203090551_deployment_version },
  {
    name: 'Migration20261203113132_deployment_cache_ttl',
    class: Migration20261203113132_deployment_cache_ttl,
  },
];

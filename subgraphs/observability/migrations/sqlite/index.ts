// Written by scripts/migration-create.ts; do not edit.
import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261123130725_init } from './Migration20261123130725_init';
import { Migration20261203131217_consumed_events } from './Migration20261203131217_consumed_events';
import { Migration20261203132814_audit_events } from './Migration20261203132814_audit_events';
import { Migration20261203134927_model_minute_metrics } from './Migration20261203134927_model_minute_metrics';
import { Migration20261203141806_drift } from './Migration20261203141806_drift';

export const migrations: MigrationObject[] = [
  { name: 'Migration20261123130725_init', class: Migration20261123130725_init },
  { name: 'Migration20261203131217_consumed_events', class: Migration20261203131217_consumed_events },
  { name: 'Migration20261203132814_audit_events', class: Migration20261203132814_audit_events },
  {
    name: 'Migration20261203134927_model_minute_metrics',
    class: Migration20261203134927_model_minute_metrics,
  },
  { name: 'Migration20261203141806_drift', class: Migration20261203141806_drift },
];

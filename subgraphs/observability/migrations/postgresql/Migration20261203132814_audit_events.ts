import { Migration } from '@mikro-orm/migrations';

export class Migration20261203132814_audit_events extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "observability"."audit_events" ("id" uuid not null, "organization_id" uuid null, "actor_id" uuid null, "api_key_id" uuid null, "subgraph" varchar(32) not null, "operation" varchar(128) not null, "target_ids" jsonb not null, "outcome" varchar(8) not null, "error_code" varchar(64) null, "request_id" varchar(128) not null, "client_address" varchar(64) null, "created_at" timestamptz not null, constraint "audit_events_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_events_organization_id_created_at_id_index" on "observability"."audit_events" ("organization_id", "created_at", "id");`);
    this.addSql(`create index "audit_events_organization_id_actor_id_created_at_index" on "observability"."audit_events" ("organization_id", "actor_id", "created_at");`);
    this.addSql(`create index "audit_events_organization_id_operation_created_at_index" on "observability"."audit_events" ("organization_id", "operation", "created_at");`);

    this.addSql(`create table "observability"."audit_event_targets" ("event_id" uuid not null, "target_id" varchar(128) not null, "organization_id" uuid null, "created_at" timestamptz not null, constraint "audit_event_targets_pkey" primary key ("event_id", "target_id"));`);
    this.addSql(`create index "audit_event_targets_organization_id_target_id_created_at_index" on "observability"."audit_event_targets" ("organization_id", "target_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "observability"."audit_events" cascade;`);

    this.addSql(`drop table if exists "observability"."audit_event_targets" cascade;`);
  }

}

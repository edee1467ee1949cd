import { Migration } from '@mikro-orm/migrations';

export class Migration20261123130725_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "observability";`);
    this.addSql(`create table "observability"."drift_policies" ("id" uuid not null, "organization_id" uuid not null, "model_id" uuid not null, "window_size" int not null default 500, "psi_threshold" double precision not null default 0.2, "p_value_threshold" double precision not null default 0.05, "auto_retrain" boolean not null default false, "updated_at" timestamptz not null, constraint "drift_policies_pkey" primary key ("id"));`);
    this.addSql(`alter table "observability"."drift_policies" add constraint "drift_policies_organization_id_model_id_unique" unique ("organization_id", "model_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "observability"."drift_policies" cascade;`);

    this.addSql(`drop schema if exists "observability";`);
  }

}

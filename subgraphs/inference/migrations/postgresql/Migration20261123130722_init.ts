import { Migration } from '@mikro-orm/migrations';

export class Migration20261123130722_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "inference";`);
    this.addSql(`create table "inference"."deployments" ("id" uuid not null, "organization_id" uuid not null, "model_id" uuid not null, "version_id" uuid not null, "status" text check ("status" in ('PENDING', 'LOADING', 'READY', 'FAILED', 'STOPPED')) not null default 'PENDING', "error" text null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "deployments_pkey" primary key ("id"));`);
    this.addSql(`create index "deployments_organization_id_model_id_index" on "inference"."deployments" ("organization_id", "model_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "inference"."deployments" cascade;`);

    this.addSql(`drop schema if exists "inference";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261123141928_datasets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."datasets" ("id" uuid not null, "organization_id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "description" text null, "status" text check ("status" in ('PENDING', 'READY', 'FAILED')) not null default 'PENDING', "error" text null, "object_key" varchar(200) not null, "upload_expires_at" timestamptz not null, "size_bytes" int null, "row_count" int null, "columns" jsonb not null, "reference_sample" jsonb null, "profiled_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "datasets_pkey" primary key ("id"));`);
    this.addSql(`create index "datasets_organization_id_created_at_id_index" on "registry"."datasets" ("organization_id", "created_at", "id");`);
    this.addSql(`alter table "registry"."datasets" add constraint "datasets_organization_id_name_unique" unique ("organization_id", "name");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."datasets" cascade;`);
  }

}

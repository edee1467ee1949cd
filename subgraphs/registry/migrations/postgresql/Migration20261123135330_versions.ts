import { Migration } from '@mikro-orm/migrations';

export class Migration20261123135330_versions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."model_versions" ("id" uuid not null, "organization_id" uuid not null, "model_id" uuid not null, "version" int not null, "stage" text check ("stage" in ('DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED')) not null default 'DEVELOPMENT', "status" text check ("status" in ('PENDING_UPLOAD', 'READY', 'EXPIRED', 'INVALID')) not null default 'PENDING_UPLOAD', "status_reason" text null, "format" text check ("format" in ('ONNX')) not null, "input_schema" jsonb not null, "output_labels" jsonb null, "metrics" jsonb null, "run_id" uuid null, "artifact_key" varchar(300) not null, "size_bytes" int null, "sha256" varchar(64) null, "onnx" jsonb null, "upload_expires_at" timestamptz not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "model_versions_pkey" primary key ("id"));`);
    this.addSql(`create index "model_versions_status_upload_expires_at_index" on "registry"."model_versions" ("status", "upload_expires_at");`);
    this.addSql(`alter table "registry"."model_versions" add constraint "model_versions_model_id_version_unique" unique ("model_id", "version");`);
    this.addSql(`create unique index model_versions_one_production_per_model on registry.model_versions (model_id) where stage = 'PRODUCTION';`);

    this.addSql(`create table "registry"."model_aliases" ("model_id" uuid not null, "name" varchar(64) not null, "version_id" uuid not null, "updated_at" timestamptz not null, constraint "model_aliases_pkey" primary key ("model_id", "name"));`);
    this.addSql(`create index "model_aliases_version_id_index" on "registry"."model_aliases" ("version_id");`);

    this.addSql(`create table "registry"."model_version_counters" ("model_id" uuid not null, "last_version" int not null, constraint "model_version_counters_pkey" primary key ("model_id"));`);

    this.addSql(`create table "registry"."model_version_tags" ("version_id" uuid not null, "tag" varchar(50) not null, constraint "model_version_tags_pkey" primary key ("version_id", "tag"));`);

    this.addSql(`create table "registry"."pending_object_deletions" ("id" uuid not null, "bucket" varchar(100) not null, "key" varchar(1024) not null, "next_attempt_at" timestamptz not null, "settle_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null, "created_at" timestamptz not null, constraint "pending_object_deletions_pkey" primary key ("id"));`);
    this.addSql(`create index "pending_object_deletions_next_attempt_at_index" on "registry"."pending_object_deletions" ("next_attempt_at");`);

    this.addSql(`alter table "registry"."model_versions" add constraint "model_versions_model_id_foreign" foreign key ("model_id") references "registry"."models" ("id") on update cascade;`);

    this.addSql(`alter table "registry"."model_aliases" add constraint "model_aliases_model_id_foreign" foreign key ("model_id") references "registry"."models" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "registry"."model_aliases" add constraint "model_aliases_version_id_foreign" foreign key ("version_id") references "registry"."model_versions" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registry"."model_version_counters" add constraint "model_version_counters_model_id_foreign" foreign key ("model_id") references "registry"."models" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registry"."model_version_tags" add constraint "model_version_tags_version_id_foreign" foreign key ("version_id") references "registry"."model_versions" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "registry"."model_aliases" drop constraint "model_aliases_version_id_foreign";`);

    this.addSql(`alter table "registry"."model_version_tags" drop constraint "model_version_tags_version_id_foreign";`);

    this.addSql(`drop table if exists "registry"."model_versions" cascade;`);

    this.addSql(`drop table if exists "registry"."model_aliases" cascade;`);

    this.addSql(`drop table if exists "registry"."model_version_counters" cascade;`);

    this.addSql(`drop table if exists "registry"."model_version_tags" cascade;`);

    this.addSql(`drop table if exists "registry"."pending_object_deletions" cascade;`);
  }

}

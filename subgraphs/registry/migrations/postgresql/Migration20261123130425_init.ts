import { Migration } from '@mikro-orm/migrations';

export class Migration20261123130425_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "registry";`);
    this.addSql(
      `create table "registry"."models" ("id" uuid not null, "organization_id" uuid not null, "owner_id" uuid not null, "name" varchar(100) not null, "description" text null, "framework" text check ("framework" in ('SKLEARN', 'PYTORCH', 'TENSORFLOW', 'XGBOOST', 'ONNX', 'MLAAS')) not null, "task_type" text check ("task_type" in ('CLASSIFICATION', 'REGRESSION', 'CLUSTERING', 'ANOMALY_DETECTION')) not null, "lifecycle" text check ("lifecycle" in ('DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED')) not null default 'DEVELOPMENT', "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "models_pkey" primary key ("id"));`,
    );
    this.addSql(
      `create index "models_organization_id_created_at_id_index" on "registry"."models" ("organization_id", "created_at", "id");`,
    );
    this.addSql(
      `create index "models_organization_id_updated_at_id_index" on "registry"."models" ("organization_id", "updated_at", "id");`,
    );
    this.addSql(
      `alter table "registry"."models" add constraint "models_organization_id_name_unique" unique ("organization_id", "name");`,
    );

    this.addSql(
      `create table "registry"."model_tags" ("model_id" uuid not null, "tag" varchar(50) not null, constraint "model_tags_pkey" primary key ("model_id", "tag"));`,
    );
    this.addSql(
      `create index "model_tags_tag_model_id_index" on "registry"."model_tags" ("tag", "model_id");`,
    );

    this.addSql(
      `alter table "registry"."model_tags" add constraint "model_tags_model_id_foreign" foreign key ("model_id") references "registry"."models" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "registry"."model_tags" drop constraint "model_tags_model_id_foreign";`);

    this.addSql(`drop table if exists "registry"."models" cascade;`);

    this.addSql(`drop table if exists "registry"."model_tags" cascade;`);

    this.addSql(`drop schema if exists "registry";`);
  }
}

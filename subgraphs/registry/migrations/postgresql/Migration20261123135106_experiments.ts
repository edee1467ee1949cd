import { Migration } from '@mikro-orm/migrations';

export class Migration20261123135106_experiments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."experiments" ("id" uuid not null, "organization_id" uuid not null, "name" varchar(100) not null, "description" text null, "created_at" timestamptz not null, constraint "experiments_pkey" primary key ("id"));`);
    this.addSql(`create index "experiments_organization_id_created_at_id_index" on "registry"."experiments" ("organization_id", "created_at", "id");`);
    this.addSql(`alter table "registry"."experiments" add constraint "experiments_organization_id_name_unique" unique ("organization_id", "name");`);

    this.addSql(`create table "registry"."experiment_tags" ("experiment_id" uuid not null, "tag" varchar(50) not null, "organization_id" uuid not null, constraint "experiment_tags_pkey" primary key ("experiment_id", "tag"));`);

    this.addSql(`create table "registry"."runs" ("id" uuid not null, "organization_id" uuid not null, "experiment_id" uuid not null, "status" text check ("status" in ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')) not null default 'RUNNING', "started_at" timestamptz not null, "finished_at" timestamptz null, constraint "runs_pkey" primary key ("id"));`);
    this.addSql(`create index "runs_experiment_id_started_at_id_index" on "registry"."runs" ("experiment_id", "started_at", "id");`);

    this.addSql(`create table "registry"."metric_points" ("id" uuid not null, "organization_id" uuid not null, "run_id" uuid not null, "key" varchar(250) not null, "value" double precision not null, "step" int not null, "timestamp" timestamptz not null, constraint "metric_points_pkey" primary key ("id"));`);
    this.addSql(`create index "metric_points_run_id_key_step_timestamp_index" on "registry"."metric_points" ("run_id", "key", "step", "timestamp");`);

    this.addSql(`create table "registry"."run_latest_metrics" ("run_id" uuid not null, "key" varchar(250) not null, "organization_id" uuid not null, "value" double precision not null, "step" int not null, "timestamp" timestamptz not null, constraint "run_latest_metrics_pkey" primary key ("run_id", "key"));`);
    this.addSql(`create index "run_latest_metrics_organization_id_key_value_index" on "registry"."run_latest_metrics" ("organization_id", "key", "value");`);

    this.addSql(`create table "registry"."run_params" ("run_id" uuid not null, "key" varchar(250) not null, "organization_id" uuid not null, "value" varchar(500) not null, "kind" text check ("kind" in ('STRING', 'NUMBER', 'BOOLEAN')) not null, "number_value" double precision null, constraint "run_params_pkey" primary key ("run_id", "key"));`);
    this.addSql(`create index "run_params_organization_id_key_value_index" on "registry"."run_params" ("organization_id", "key", "value");`);
    this.addSql(`create index "run_params_organization_id_key_number_value_index" on "registry"."run_params" ("organization_id", "key", "number_value");`);

    this.addSql(`alter table "registry"."experiment_tags" add constraint "experiment_tags_experiment_id_foreign" foreign key ("experiment_id") references "registry"."experiments" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registry"."runs" add constraint "runs_experiment_id_foreign" foreign key ("experiment_id") references "registry"."experiments" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registry"."metric_points" add constraint "metric_points_run_id_foreign" foreign key ("run_id") references "registry"."runs" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registry"."run_latest_metrics" add constraint "run_latest_metrics_run_id_foreign" foreign key ("run_id") references "registry"."runs" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "registry"."run_params" add constraint "run_params_run_id_foreign" foreign key ("run_id") references "registry"."runs" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "registry"."experiment_tags" drop constraint "experiment_tags_experiment_id_foreign";`);

    this.addSql(`alter table "registry"."runs" drop constraint "runs_experiment_id_foreign";`);

    this.addSql(`alter table "registry"."metric_points" drop constraint "metric_points_run_id_foreign";`);

    this.addSql(`alter table "registry"."run_latest_metrics" drop constraint "run_latest_metrics_run_id_foreign";`);

    this.addSql(`alter table "registry"."run_params" drop constraint "run_params_run_id_foreign";`);

    this.addSql(`drop table if exists "registry"."experiments" cascade;`);

    this.addSql(`drop table if exists "registry"."experiment_tags" cascade;`);

    this.addSql(`drop table if exists "registry"."runs" cascade;`);

    this.addSql(`drop table if exists "registry"."metric_points" cascade;`);

    this.addSql(`drop table if exists "registry"."run_latest_metrics" cascade;`);

    this.addSql(`drop table if exists "registry"."run_params" cascade;`);
  }

}

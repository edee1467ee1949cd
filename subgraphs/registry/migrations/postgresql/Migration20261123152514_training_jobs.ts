import { Migration } from '@mikro-orm/migrations';

export class Migration20261123152514_training_jobs extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "registry"."training_jobs" ("id" uuid not null, "organization_id" uuid not null, "owner_id" uuid not null, "model_id" uuid not null, "dataset_id" uuid not null, "algorithm" text check ("algorithm" in ('LOGISTIC_REGRESSION', 'MLP_CLASSIFIER', 'LINEAR_REGRESSION', 'MLP_REGRESSOR')) not null, "status" text check ("status" in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')) not null default 'QUEUED', "target_column" varchar(200) not null, "features" jsonb not null, "hyperparameters" jsonb not null, "epoch" int not null default 0, "total_epochs" int not null, "progress" double precision not null default 0, "error" text null, "cancel_requested" boolean not null default false, "attempt" int not null default 0, "revision" int not null default 1, "result_version_id" uuid null, "run_id" uuid null, "created_at" timestamptz not null, "started_at" timestamptz null, "finished_at" timestamptz null, "updated_at" timestamptz not null, constraint "training_jobs_pkey" primary key ("id"));`);
    this.addSql(`create index "training_jobs_organization_id_created_at_id_index" on "registry"."training_jobs" ("organization_id", "created_at", "id");`);
    this.addSql(`create index "training_jobs_model_id_index" on "registry"."training_jobs" ("model_id");`);
    this.addSql(`create index "training_jobs_dataset_id_status_index" on "registry"."training_jobs" ("dataset_id", "status");`);

    this.addSql(`create table "registry"."training_job_epochs" ("job_id" uuid not null, "epoch" int not null, "loss" double precision not null, "validation_loss" double precision null, "accuracy" double precision null, "validation_accuracy" double precision null, "elapsed_ms" int not null, constraint "training_job_epochs_pkey" primary key ("job_id", "epoch"));`);

    this.addSql(`alter table "registry"."model_versions" add column "reference_distribution" jsonb null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "registry"."training_jobs" cascade;`);

    this.addSql(`drop table if exists "registry"."training_job_epochs" cascade;`);

    this.addSql(`alter table "registry"."model_versions" drop column "reference_distribution";`);
  }

}

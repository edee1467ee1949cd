import { Migration } from '@mikro-orm/migrations';

export class Migration20261203141805_drift extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "observability"."drift_alerts" ("id" uuid not null, "organization_id" uuid not null, "model_id" uuid not null, "report_id" uuid not null, "retrain_status" varchar(16) not null, "retrain_job_id" uuid null, "message" text not null, "auto_deploy_result" text null, "created_at" timestamptz not null, constraint "drift_alerts_pkey" primary key ("id"));`);
    this.addSql(`create index "drift_alerts_organization_id_model_id_created_at_id_index" on "observability"."drift_alerts" ("organization_id", "model_id", "created_at", "id");`);
    this.addSql(`create index "drift_alerts_organization_id_created_at_id_index" on "observability"."drift_alerts" ("organization_id", "created_at", "id");`);

    this.addSql(`create table "observability"."drift_reports" ("id" uuid not null, "organization_id" uuid not null, "model_id" uuid not null, "version_id" uuid not null, "sample_size" int not null, "reference_size" int not null, "drifted" boolean not null, "features" jsonb not null, "created_at" timestamptz not null, constraint "drift_reports_pkey" primary key ("id"));`);
    this.addSql(`create index "drift_reports_organization_id_model_id_created_at_id_index" on "observability"."drift_reports" ("organization_id", "model_id", "created_at", "id");`);
    this.addSql(`create index "drift_reports_organization_id_created_at_id_index" on "observability"."drift_reports" ("organization_id", "created_at", "id");`);

    this.addSql(`create table "observability"."drift_states" ("model_id" uuid not null, "organization_id" uuid not null, "version_id" uuid not null, "rows_since_report" int not null default 0, "latest_report_id" uuid null, "retrain_job_id" uuid null, "retrain_started_at" timestamptz null, "pending_deploy_alert_id" uuid null, constraint "drift_states_pkey" primary key ("model_id"));`);
    this.addSql(`create index "drift_states_pending_deploy_alert_id_index" on "observability"."drift_states" ("pending_deploy_alert_id");`);

    this.addSql(`create table "observability"."drift_window_rows" ("seq" bigserial primary key, "organization_id" uuid not null, "model_id" uuid not null, "version_id" uuid not null, "features" jsonb not null);`);
    this.addSql(`create index "drift_window_rows_model_id_seq_index" on "observability"."drift_window_rows" ("model_id", "seq");`);

    this.addSql(`create table "observability"."reference_samples" ("id" uuid not null, "organization_id" uuid not null, "model_id" uuid not null, "version_id" uuid not null, "dataset_id" uuid not null, "source" varchar(32) not null, "features" jsonb not null, "columns" jsonb not null, "row_count" int not null, "created_at" timestamptz not null, constraint "reference_samples_pkey" primary key ("id"));`);
    this.addSql(`alter table "observability"."reference_samples" add constraint "reference_samples_organization_id_version_id_unique" unique ("organization_id", "version_id");`);

    this.addSql(`alter table "observability"."drift_policies" add column "auto_deploy" boolean not null default false, add column "retrain_dataset_id" uuid null, add column "retrain_cooldown_minutes" int not null default 60, add column "updated_by" uuid null, add column "updated_by_role" varchar(16) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "observability"."drift_alerts" cascade;`);

    this.addSql(`drop table if exists "observability"."drift_reports" cascade;`);

    this.addSql(`drop table if exists "observability"."drift_states" cascade;`);

    this.addSql(`drop table if exists "observability"."drift_window_rows" cascade;`);

    this.addSql(`drop table if exists "observability"."reference_samples" cascade;`);

    this.addSql(`alter table "observability"."drift_policies" drop column "auto_deploy", drop column "retrain_dataset_id", drop column "retrain_cooldown_minutes", drop column "updated_by", drop column "updated_by_role";`);
  }

}

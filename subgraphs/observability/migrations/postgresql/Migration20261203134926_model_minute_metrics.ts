import { Migration } from '@mikro-orm/migrations';

export class Migration20261203134926_model_minute_metrics extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "observability"."model_minute_metrics" ("organization_id" uuid not null, "model_id" uuid not null, "minute" timestamptz not null, "requests" int not null default 0, "errors" int not null default 0, "cache_hits" int not null default 0, "latency_histogram" jsonb not null, constraint "model_minute_metrics_pkey" primary key ("organization_id", "model_id", "minute"));`);
    this.addSql(`create index "model_minute_metrics_minute_index" on "observability"."model_minute_metrics" ("minute");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "observability"."model_minute_metrics" cascade;`);
  }

}

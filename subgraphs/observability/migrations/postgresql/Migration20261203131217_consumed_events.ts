import { Migration } from '@mikro-orm/migrations';

export class Migration20261203131217_consumed_events extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "observability"."consumed_events" ("consumer_group" varchar(64) not null, "event_id" varchar(64) not null, "consumed_at" timestamptz not null, constraint "consumed_events_pkey" primary key ("consumer_group", "event_id"));`);
    this.addSql(`create index "consumed_events_consumed_at_index" on "observability"."consumed_events" ("consumed_at");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "observability"."consumed_events" cascade;`);
  }

}

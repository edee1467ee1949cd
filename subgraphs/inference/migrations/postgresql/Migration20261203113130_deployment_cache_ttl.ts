import { Migration } from '@mikro-orm/migrations';

export class Migration20261203113130_deployment_cache_ttl extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "inference"."deployments" add column "cache_ttl_seconds" int null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "inference"."deployments" drop column "cache_ttl_seconds";`);
  }

}

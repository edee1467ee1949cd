import { Migration } from '@mikro-orm/migrations';

export class Migration20261203113132_deployment_cache_ttl extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`deployments\` add column \`cache_ttl_seconds\` integer null;`);
  }

}

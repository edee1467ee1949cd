import { Migration } from '@mikro-orm/migrations';

export class Migration20261123141621_run_link extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index "model_versions_run_id_index" on "registry"."model_versions" ("run_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "registry"."model_versions_run_id_index";`);
  }

}

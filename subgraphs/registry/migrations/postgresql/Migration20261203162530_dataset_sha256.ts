import { Migration } from '@mikro-orm/migrations';

export class Migration20261203162530_dataset_sha256 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "registry"."datasets" add column "sha256" varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "registry"."datasets" drop column "sha256";`);
  }

}

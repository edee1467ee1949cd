import { Migration } from '@mikro-orm/migrations';

export class Migration20261203162534_dataset_sha256 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`datasets\` add column \`sha256\` text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`datasets\` drop column \`sha256\`;`);
  }

}

import { Migration } from '@mikro-orm/migrations';

// Hand-trimmed: MikroORM's SQLite diff also rebuilt every table with an enum check constraint (a false difference
// it always reports); a rebuild inside the migration transaction cannot turn foreign keys off and would cascade.
export class Migration20261123141621_run_link extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index \`model_versions_run_id_index\` on \`model_versions\` (\`run_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index \`model_versions_run_id_index\`;`);
  }
}

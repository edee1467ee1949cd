import { Migration } from '@mikro-orm/migrations';

export class Migration20261203090551_deployment_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`deployments\` add column \`ready_at\` datetime null;`);
    this.addSql(`alter table \`deployments\` add column \`task_type\` text not null;`);
    this.addSql(`alter table \`deployments\` add column \`input_schema\` json not null;`);
    this.addSql(`alter table \`deployments\` add column \`output_labels\` json null;`);
    this.addSql(`alter table \`deployments\` add column \`artifact_key\` text not null;`);
    this.addSql(`alter table \`deployments\` add column \`sha256\` text not null;`);
  }

}

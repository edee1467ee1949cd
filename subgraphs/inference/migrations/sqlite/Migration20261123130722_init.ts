import { Migration } from '@mikro-orm/migrations';

export class Migration20261123130722_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`deployments\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`version_id\` text not null, \`status\` text check (\`status\` in ('PENDING', 'LOADING', 'READY', 'FAILED', 'STOPPED')) not null default 'PENDING', \`error\` text null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`deployments_organization_id_model_id_index\` on \`deployments\` (\`organization_id\`, \`model_id\`);`);
  }

}

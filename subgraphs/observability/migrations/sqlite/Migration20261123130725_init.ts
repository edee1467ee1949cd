import { Migration } from '@mikro-orm/migrations';

export class Migration20261123130725_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`drift_policies\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`window_size\` integer not null default 500, \`psi_threshold\` double not null default 0.2, \`p_value_threshold\` double not null default 0.05, \`auto_retrain\` integer not null default false, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`drift_policies_organization_id_model_id_unique\` on \`drift_policies\` (\`organization_id\`, \`model_id\`);`);
  }

}

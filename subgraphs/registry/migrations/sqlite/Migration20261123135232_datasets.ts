import { Migration } from '@mikro-orm/migrations';

export class Migration20261123135232_datasets extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`datasets\` (\`id\` text not null, \`organization_id\` text not null, \`owner_id\` text not null, \`name\` text not null, \`description\` text null, \`status\` text check (\`status\` in ('PENDING', 'READY', 'FAILED')) not null default 'PENDING', \`error\` text null, \`object_key\` text not null, \`upload_expires_at\` datetime not null, \`size_bytes\` integer null, \`row_count\` integer null, \`columns\` json not null, \`reference_sample\` json null, \`profiled_at\` datetime null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`datasets_organization_id_created_at_id_index\` on \`datasets\` (\`organization_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`datasets_organization_id_name_unique\` on \`datasets\` (\`organization_id\`, \`name\`);`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`models__temp_alter\` (\`id\` text not null, \`organization_id\` text not null, \`owner_id\` text not null, \`name\` text not null, \`description\` text null, \`framework\` text check (\`framework\` in ('SKLEARN', 'PYTORCH', 'TENSORFLOW', 'XGBOOST', 'ONNX', 'MLAAS')) not null, \`task_type\` text check (\`task_type\` in ('CLASSIFICATION', 'REGRESSION', 'CLUSTERING', 'ANOMALY_DETECTION')) not null, \`lifecycle\` text check (\`lifecycle\` in ('DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED')) not null default 'DEVELOPMENT', \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`insert into \`models__temp_alter\` select \`id\`, \`organization_id\`, \`owner_id\`, \`name\`, \`description\`, \`framework\`, \`task_type\`, \`lifecycle\`, \`created_at\`, \`updated_at\` from \`models\`;`);
    this.addSql(`drop table \`models\`;`);
    this.addSql(`alter table \`models__temp_alter\` rename to \`models\`;`);
    this.addSql(`create index \`models_organization_id_created_at_id_index\` on \`models\` (\`organization_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`models_organization_id_updated_at_id_index\` on \`models\` (\`organization_id\`, \`updated_at\`, \`id\`);`);
    this.addSql(`create unique index \`models_organization_id_name_unique\` on \`models\` (\`organization_id\`, \`name\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}

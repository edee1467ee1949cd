import { Migration } from '@mikro-orm/migrations';

export class Migration20261123130425_init extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`models\` (\`id\` text not null, \`organization_id\` text not null, \`owner_id\` text not null, \`name\` text not null, \`description\` text null, \`framework\` text check (\`framework\` in ('SKLEARN', 'PYTORCH', 'TENSORFLOW', 'XGBOOST', 'ONNX', 'MLAAS')) not null, \`task_type\` text check (\`task_type\` in ('CLASSIFICATION', 'REGRESSION', 'CLUSTERING', 'ANOMALY_DETECTION')) not null, \`lifecycle\` text check (\`lifecycle\` in ('DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED')) not null default 'DEVELOPMENT', \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`models_organization_id_created_at_id_index\` on \`models\` (\`organization_id\`, \`created_at\`, \`id\`);`,
    );
    this.addSql(
      `create index \`models_organization_id_updated_at_id_index\` on \`models\` (\`organization_id\`, \`updated_at\`, \`id\`);`,
    );
    this.addSql(
      `create unique index \`models_organization_id_name_unique\` on \`models\` (\`organization_id\`, \`name\`);`,
    );

    this.addSql(
      `create table \`model_tags\` (\`model_id\` text not null, \`tag\` text not null, constraint \`model_tags_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on delete cascade on update cascade, primary key (\`model_id\`, \`tag\`));`,
    );
    this.addSql(`create index \`model_tags_model_id_index\` on \`model_tags\` (\`model_id\`);`);
    this.addSql(`create index \`model_tags_tag_model_id_index\` on \`model_tags\` (\`tag\`, \`model_id\`);`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261123135330_versions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`model_versions\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`version\` integer not null, \`stage\` text check (\`stage\` in ('DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED')) not null default 'DEVELOPMENT', \`status\` text check (\`status\` in ('PENDING_UPLOAD', 'READY', 'EXPIRED', 'INVALID')) not null default 'PENDING_UPLOAD', \`status_reason\` text null, \`format\` text check (\`format\` in ('ONNX')) not null, \`input_schema\` json not null, \`output_labels\` json null, \`metrics\` json null, \`run_id\` text null, \`artifact_key\` text not null, \`size_bytes\` integer null, \`sha256\` text null, \`onnx\` json null, \`upload_expires_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`model_versions_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`model_versions_model_id_index\` on \`model_versions\` (\`model_id\`);`);
    this.addSql(`create index \`model_versions_status_upload_expires_at_index\` on \`model_versions\` (\`status\`, \`upload_expires_at\`);`);
    this.addSql(`create unique index \`model_versions_model_id_version_unique\` on \`model_versions\` (\`model_id\`, \`version\`);`);
    this.addSql(`create unique index model_versions_one_production_per_model on model_versions (model_id) where stage = 'PRODUCTION';`);

    this.addSql(`create table \`model_aliases\` (\`model_id\` text not null, \`name\` text not null, \`version_id\` text not null, \`updated_at\` datetime not null, constraint \`model_aliases_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on delete cascade on update cascade, constraint \`model_aliases_version_id_foreign\` foreign key(\`version_id\`) references \`model_versions\`(\`id\`) on delete cascade on update cascade, primary key (\`model_id\`, \`name\`));`);
    this.addSql(`create index \`model_aliases_model_id_index\` on \`model_aliases\` (\`model_id\`);`);
    this.addSql(`create index \`model_aliases_version_id_index\` on \`model_aliases\` (\`version_id\`);`);

    this.addSql(`create table \`model_version_counters\` (\`model_id\` text not null, \`last_version\` integer not null, constraint \`model_version_counters_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on delete cascade on update cascade, primary key (\`model_id\`));`);
    this.addSql(`create index \`model_version_counters_model_id_index\` on \`model_version_counters\` (\`model_id\`);`);

    this.addSql(`create table \`model_version_tags\` (\`version_id\` text not null, \`tag\` text not null, constraint \`model_version_tags_version_id_foreign\` foreign key(\`version_id\`) references \`model_versions\`(\`id\`) on delete cascade on update cascade, primary key (\`version_id\`, \`tag\`));`);
    this.addSql(`create index \`model_version_tags_version_id_index\` on \`model_version_tags\` (\`version_id\`);`);

    this.addSql(`create table \`pending_object_deletions\` (\`id\` text not null, \`bucket\` text not null, \`key\` text not null, \`next_attempt_at\` datetime not null, \`settle_at\` datetime not null, \`attempts\` integer not null default 0, \`last_error\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`pending_object_deletions_next_attempt_at_index\` on \`pending_object_deletions\` (\`next_attempt_at\`);`);
  }

}

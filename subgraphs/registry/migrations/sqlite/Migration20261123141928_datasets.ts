import { Migration } from '@mikro-orm/migrations';

export class Migration20261123141928_datasets extends Migration {

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
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`model_versions__temp_alter\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`version\` integer not null, \`stage\` text check (\`stage\` in ('DEVELOPMENT', 'STAGING', 'PRODUCTION', 'ARCHIVED')) not null default 'DEVELOPMENT', \`status\` text check (\`status\` in ('PENDING_UPLOAD', 'READY', 'EXPIRED', 'INVALID')) not null default 'PENDING_UPLOAD', \`status_reason\` text null, \`format\` text check (\`format\` in ('ONNX')) not null, \`input_schema\` json not null, \`output_labels\` json null, \`metrics\` json null, \`run_id\` text null, \`artifact_key\` text not null, \`size_bytes\` integer null, \`sha256\` text null, \`onnx\` json null, \`upload_expires_at\` datetime not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`model_versions_model_id_foreign\` foreign key(\`model_id\`) references \`models\`(\`id\`) on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`model_versions__temp_alter\` select \`id\`, \`organization_id\`, \`model_id\`, \`version\`, \`stage\`, \`status\`, \`status_reason\`, \`format\`, \`input_schema\`, \`output_labels\`, \`metrics\`, \`run_id\`, \`artifact_key\`, \`size_bytes\`, \`sha256\`, \`onnx\`, \`upload_expires_at\`, \`created_at\`, \`updated_at\` from \`model_versions\`;`);
    this.addSql(`drop table \`model_versions\`;`);
    this.addSql(`alter table \`model_versions__temp_alter\` rename to \`model_versions\`;`);
    this.addSql(`create index \`model_versions_model_id_index\` on \`model_versions\` (\`model_id\`);`);
    this.addSql(`create index \`model_versions_status_upload_expires_at_index\` on \`model_versions\` (\`status\`, \`upload_expires_at\`);`);
    this.addSql(`create index \`model_versions_run_id_index\` on \`model_versions\` (\`run_id\`);`);
    this.addSql(`create unique index \`model_versions_model_id_version_unique\` on \`model_versions\` (\`model_id\`, \`version\`);`);
    this.addSql(`create unique index model_versions_one_production_per_model on model_versions (model_id) where stage = 'PRODUCTION';`);
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`runs__temp_alter\` (\`id\` text not null, \`organization_id\` text not null, \`experiment_id\` text not null, \`status\` text check (\`status\` in ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')) not null default 'RUNNING', \`started_at\` datetime not null, \`finished_at\` datetime null, constraint \`runs_experiment_id_foreign\` foreign key(\`experiment_id\`) references \`experiments\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`insert into \`runs__temp_alter\` select \`id\`, \`organization_id\`, \`experiment_id\`, \`status\`, \`started_at\`, \`finished_at\` from \`runs\`;`);
    this.addSql(`drop table \`runs\`;`);
    this.addSql(`alter table \`runs__temp_alter\` rename to \`runs\`;`);
    this.addSql(`create index \`runs_experiment_id_index\` on \`runs\` (\`experiment_id\`);`);
    this.addSql(`create index \`runs_experiment_id_started_at_id_index\` on \`runs\` (\`experiment_id\`, \`started_at\`, \`id\`);`);
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`run_params__temp_alter\` (\`run_id\` text not null, \`key\` text not null, \`organization_id\` text not null, \`value\` text not null, \`kind\` text check (\`kind\` in ('STRING', 'NUMBER', 'BOOLEAN')) not null, \`number_value\` double null, constraint \`run_params_run_id_foreign\` foreign key(\`run_id\`) references \`runs\`(\`id\`) on delete cascade on update cascade, primary key (\`run_id\`, \`key\`));`);
    this.addSql(`insert into \`run_params__temp_alter\` select \`run_id\`, \`key\`, \`organization_id\`, \`value\`, \`kind\`, \`number_value\` from \`run_params\`;`);
    this.addSql(`drop table \`run_params\`;`);
    this.addSql(`alter table \`run_params__temp_alter\` rename to \`run_params\`;`);
    this.addSql(`create index \`run_params_run_id_index\` on \`run_params\` (\`run_id\`);`);
    this.addSql(`create index \`run_params_organization_id_key_value_index\` on \`run_params\` (\`organization_id\`, \`key\`, \`value\`);`);
    this.addSql(`create index \`run_params_organization_id_key_number_value_index\` on \`run_params\` (\`organization_id\`, \`key\`, \`number_value\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}

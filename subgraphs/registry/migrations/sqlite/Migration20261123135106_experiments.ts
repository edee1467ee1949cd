import { Migration } from '@mikro-orm/migrations';

export class Migration20261123135106_experiments extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`experiments\` (\`id\` text not null, \`organization_id\` text not null, \`name\` text not null, \`description\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`experiments_organization_id_created_at_id_index\` on \`experiments\` (\`organization_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create unique index \`experiments_organization_id_name_unique\` on \`experiments\` (\`organization_id\`, \`name\`);`);

    this.addSql(`create table \`experiment_tags\` (\`experiment_id\` text not null, \`tag\` text not null, \`organization_id\` text not null, constraint \`experiment_tags_experiment_id_foreign\` foreign key(\`experiment_id\`) references \`experiments\`(\`id\`) on delete cascade on update cascade, primary key (\`experiment_id\`, \`tag\`));`);
    this.addSql(`create index \`experiment_tags_experiment_id_index\` on \`experiment_tags\` (\`experiment_id\`);`);

    this.addSql(`create table \`runs\` (\`id\` text not null, \`organization_id\` text not null, \`experiment_id\` text not null, \`status\` text check (\`status\` in ('RUNNING', 'FINISHED', 'FAILED', 'KILLED')) not null default 'RUNNING', \`started_at\` datetime not null, \`finished_at\` datetime null, constraint \`runs_experiment_id_foreign\` foreign key(\`experiment_id\`) references \`experiments\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`runs_experiment_id_index\` on \`runs\` (\`experiment_id\`);`);
    this.addSql(`create index \`runs_experiment_id_started_at_id_index\` on \`runs\` (\`experiment_id\`, \`started_at\`, \`id\`);`);

    this.addSql(`create table \`metric_points\` (\`id\` text not null, \`organization_id\` text not null, \`run_id\` text not null, \`key\` text not null, \`value\` double not null, \`step\` integer not null, \`timestamp\` datetime not null, constraint \`metric_points_run_id_foreign\` foreign key(\`run_id\`) references \`runs\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`metric_points_run_id_index\` on \`metric_points\` (\`run_id\`);`);
    this.addSql(`create index \`metric_points_run_id_key_step_timestamp_index\` on \`metric_points\` (\`run_id\`, \`key\`, \`step\`, \`timestamp\`);`);

    this.addSql(`create table \`run_latest_metrics\` (\`run_id\` text not null, \`key\` text not null, \`organization_id\` text not null, \`value\` double not null, \`step\` integer not null, \`timestamp\` datetime not null, constraint \`run_latest_metrics_run_id_foreign\` foreign key(\`run_id\`) references \`runs\`(\`id\`) on delete cascade on update cascade, primary key (\`run_id\`, \`key\`));`);
    this.addSql(`create index \`run_latest_metrics_run_id_index\` on \`run_latest_metrics\` (\`run_id\`);`);
    this.addSql(`create index \`run_latest_metrics_organization_id_key_value_index\` on \`run_latest_metrics\` (\`organization_id\`, \`key\`, \`value\`);`);

    this.addSql(`create table \`run_params\` (\`run_id\` text not null, \`key\` text not null, \`organization_id\` text not null, \`value\` text not null, \`kind\` text check (\`kind\` in ('STRING', 'NUMBER', 'BOOLEAN')) not null, \`number_value\` double null, constraint \`run_params_run_id_foreign\` foreign key(\`run_id\`) references \`runs\`(\`id\`) on delete cascade on update cascade, primary key (\`run_id\`, \`key\`));`);
    this.addSql(`create index \`run_params_run_id_index\` on \`run_params\` (\`run_id\`);`);
    this.addSql(`create index \`run_params_organization_id_key_value_index\` on \`run_params\` (\`organization_id\`, \`key\`, \`value\`);`);
    this.addSql(`create index \`run_params_organization_id_key_number_value_index\` on \`run_params\` (\`organization_id\`, \`key\`, \`number_value\`);`);

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

import { Migration } from '@mikro-orm/migrations';

export class Migration20261203141806_drift extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`drift_alerts\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`report_id\` text not null, \`retrain_status\` text not null, \`retrain_job_id\` text null, \`message\` text not null, \`auto_deploy_result\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`drift_alerts_organization_id_model_id_created_at_id_index\` on \`drift_alerts\` (\`organization_id\`, \`model_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`drift_alerts_organization_id_created_at_id_index\` on \`drift_alerts\` (\`organization_id\`, \`created_at\`, \`id\`);`);

    this.addSql(`create table \`drift_reports\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`version_id\` text not null, \`sample_size\` integer not null, \`reference_size\` integer not null, \`drifted\` integer not null, \`features\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`drift_reports_organization_id_model_id_created_at_id_index\` on \`drift_reports\` (\`organization_id\`, \`model_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`drift_reports_organization_id_created_at_id_index\` on \`drift_reports\` (\`organization_id\`, \`created_at\`, \`id\`);`);

    this.addSql(`create table \`drift_states\` (\`model_id\` text not null, \`organization_id\` text not null, \`version_id\` text not null, \`rows_since_report\` integer not null default 0, \`latest_report_id\` text null, \`retrain_job_id\` text null, \`retrain_started_at\` datetime null, \`pending_deploy_alert_id\` text null, primary key (\`model_id\`));`);
    this.addSql(`create index \`drift_states_pending_deploy_alert_id_index\` on \`drift_states\` (\`pending_deploy_alert_id\`);`);

    this.addSql(`create table \`drift_window_rows\` (\`seq\` integer not null primary key autoincrement, \`organization_id\` text not null, \`model_id\` text not null, \`version_id\` text not null, \`features\` json not null);`);
    this.addSql(`create index \`drift_window_rows_model_id_seq_index\` on \`drift_window_rows\` (\`model_id\`, \`seq\`);`);

    this.addSql(`create table \`reference_samples\` (\`id\` text not null, \`organization_id\` text not null, \`model_id\` text not null, \`version_id\` text not null, \`dataset_id\` text not null, \`source\` text not null, \`features\` json not null, \`columns\` json not null, \`row_count\` integer not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`reference_samples_organization_id_version_id_unique\` on \`reference_samples\` (\`organization_id\`, \`version_id\`);`);

    this.addSql(`alter table \`drift_policies\` add column \`auto_deploy\` integer not null default false;`);
    this.addSql(`alter table \`drift_policies\` add column \`retrain_dataset_id\` text null;`);
    this.addSql(`alter table \`drift_policies\` add column \`retrain_cooldown_minutes\` integer not null default 60;`);
    this.addSql(`alter table \`drift_policies\` add column \`updated_by\` text null;`);
    this.addSql(`alter table \`drift_policies\` add column \`updated_by_role\` text null;`);
  }

}

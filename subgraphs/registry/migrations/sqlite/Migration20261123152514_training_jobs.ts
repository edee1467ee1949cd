import { Migration } from '@mikro-orm/migrations';

export class Migration20261123152514_training_jobs extends Migration {

  override async up(): Promise<void> {
    // MikroORM's SQLite diff also rebuilds every table with an enum check; only the real change is kept.
    this.addSql(`create table \`training_jobs\` (\`id\` text not null, \`organization_id\` text not null, \`owner_id\` text not null, \`model_id\` text not null, \`dataset_id\` text not null, \`algorithm\` text check (\`algorithm\` in ('LOGISTIC_REGRESSION', 'MLP_CLASSIFIER', 'LINEAR_REGRESSION', 'MLP_REGRESSOR')) not null, \`status\` text check (\`status\` in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')) not null default 'QUEUED', \`target_column\` text not null, \`features\` json not null, \`hyperparameters\` json not null, \`epoch\` integer not null default 0, \`total_epochs\` integer not null, \`progress\` double not null default 0, \`error\` text null, \`cancel_requested\` integer not null default false, \`attempt\` integer not null default 0, \`revision\` integer not null default 1, \`result_version_id\` text null, \`run_id\` text null, \`created_at\` datetime not null, \`started_at\` datetime null, \`finished_at\` datetime null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`training_jobs_organization_id_created_at_id_index\` on \`training_jobs\` (\`organization_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`training_jobs_model_id_index\` on \`training_jobs\` (\`model_id\`);`);
    this.addSql(`create index \`training_jobs_dataset_id_status_index\` on \`training_jobs\` (\`dataset_id\`, \`status\`);`);

    this.addSql(`create table \`training_job_epochs\` (\`job_id\` text not null, \`epoch\` integer not null, \`loss\` double not null, \`validation_loss\` double null, \`accuracy\` double null, \`validation_accuracy\` double null, \`elapsed_ms\` integer not null, primary key (\`job_id\`, \`epoch\`));`);

    this.addSql(`alter table \`model_versions\` add column \`reference_distribution\` json null;`);

  }
}

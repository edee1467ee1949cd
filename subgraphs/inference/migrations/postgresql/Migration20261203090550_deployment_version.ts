import { Migration } from '@mikro-orm/migrations';

export class Migration20261203090550_deployment_version extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "inference"."deployments" add column "ready_at" timestamptz null, add column "task_type" text not null, add column "input_schema" jsonb not null, add column "output_labels" jsonb null, add column "artifact_key" text not null, add column "sha256" text not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "inference"."deployments" drop column "ready_at", drop column "task_type", drop column "input_schema", drop column "output_labels", drop column "artifact_key", drop column "sha256";`);
  }

}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261203134927_model_minute_metrics extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`model_minute_metrics\` (\`organization_id\` text not null, \`model_id\` text not null, \`minute\` datetime not null, \`requests\` integer not null default 0, \`errors\` integer not null default 0, \`cache_hits\` integer not null default 0, \`latency_histogram\` json not null, primary key (\`organization_id\`, \`model_id\`, \`minute\`));`);
    this.addSql(`create index \`model_minute_metrics_minute_index\` on \`model_minute_metrics\` (\`minute\`);`);
  }

}

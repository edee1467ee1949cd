import { Migration } from '@mikro-orm/migrations';

export class Migration20261203131217_consumed_events extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`consumed_events\` (\`consumer_group\` text not null, \`event_id\` text not null, \`consumed_at\` datetime not null, primary key (\`consumer_group\`, \`event_id\`));`);
    this.addSql(`create index \`consumed_events_consumed_at_index\` on \`consumed_events\` (\`consumed_at\`);`);
  }

}

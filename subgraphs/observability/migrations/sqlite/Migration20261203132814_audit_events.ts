import { Migration } from '@mikro-orm/migrations';

export class Migration20261203132814_audit_events extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_events\` (\`id\` text not null, \`organization_id\` text null, \`actor_id\` text null, \`api_key_id\` text null, \`subgraph\` text not null, \`operation\` text not null, \`target_ids\` json not null, \`outcome\` text not null, \`error_code\` text null, \`request_id\` text not null, \`client_address\` text null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`audit_events_organization_id_created_at_id_index\` on \`audit_events\` (\`organization_id\`, \`created_at\`, \`id\`);`);
    this.addSql(`create index \`audit_events_organization_id_actor_id_created_at_index\` on \`audit_events\` (\`organization_id\`, \`actor_id\`, \`created_at\`);`);
    this.addSql(`create index \`audit_events_organization_id_operation_created_at_index\` on \`audit_events\` (\`organization_id\`, \`operation\`, \`created_at\`);`);

    this.addSql(`create table \`audit_event_targets\` (\`event_id\` text not null, \`target_id\` text not null, \`organization_id\` text null, \`created_at\` datetime not null, primary key (\`event_id\`, \`target_id\`));`);
    this.addSql(`create index \`audit_event_targets_organization_id_target_id_created_at_index\` on \`audit_event_targets\` (\`organization_id\`, \`target_id\`, \`created_at\`);`);
  }

}

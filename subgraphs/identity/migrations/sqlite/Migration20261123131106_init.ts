import { Migration } from '@mikro-orm/migrations';

export class Migration20261123131106_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`organizations\` (\`id\` text not null, \`name\` text not null, \`slug\` text not null, \`plan_name\` text not null default 'free', \`requests_per_hour\` integer not null default 50, \`requests_per_day\` integer not null default 200, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`organizations_slug_unique\` on \`organizations\` (\`slug\`);`);

    this.addSql(`create table \`signing_keys\` (\`kid\` text not null, \`generation\` integer not null, \`algorithm\` text not null, \`private_key\` text not null, \`public_jwk\` json not null, \`created_at\` datetime not null, primary key (\`kid\`));`);
    this.addSql(`create unique index \`signing_keys_generation_unique\` on \`signing_keys\` (\`generation\`);`);

    this.addSql(`create table \`users\` (\`id\` text not null, \`email\` text not null, \`password_hash\` text not null, \`display_name\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);

    this.addSql(`create table \`refresh_tokens\` (\`id\` text not null, \`user_id\` text not null, \`family_id\` text not null, \`token_hash\` text not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, \`revoked_at\` datetime null, \`replaced_by\` text null, constraint \`refresh_tokens_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create unique index \`refresh_tokens_token_hash_unique\` on \`refresh_tokens\` (\`token_hash\`);`);
    this.addSql(`create index \`refresh_tokens_family_id_index\` on \`refresh_tokens\` (\`family_id\`);`);
    this.addSql(`create index \`refresh_tokens_user_id_index\` on \`refresh_tokens\` (\`user_id\`);`);

    this.addSql(`create table \`memberships\` (\`id\` text not null, \`user_id\` text not null, \`organization_id\` text not null, \`role\` text check (\`role\` in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')) not null, \`created_at\` datetime not null, constraint \`memberships_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, constraint \`memberships_organization_id_foreign\` foreign key(\`organization_id\`) references \`organizations\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`memberships_user_id_index\` on \`memberships\` (\`user_id\`);`);
    this.addSql(`create index \`memberships_organization_id_index\` on \`memberships\` (\`organization_id\`);`);
    this.addSql(`create unique index \`memberships_user_id_organization_id_unique\` on \`memberships\` (\`user_id\`, \`organization_id\`);`);
  }

}

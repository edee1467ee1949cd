import { Migration } from '@mikro-orm/migrations';

export class Migration20261123131106_init extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "identity";`);
    this.addSql(`create table "identity"."organizations" ("id" uuid not null, "name" varchar(100) not null, "slug" varchar(64) not null, "plan_name" varchar(50) not null default 'free', "requests_per_hour" int not null default 50, "requests_per_day" int not null default 200, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "organizations_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."organizations" add constraint "organizations_slug_unique" unique ("slug");`);

    this.addSql(`create table "identity"."signing_keys" ("kid" varchar(64) not null, "generation" int not null, "algorithm" varchar(16) not null, "private_key" text not null, "public_jwk" jsonb not null, "created_at" timestamptz not null, constraint "signing_keys_pkey" primary key ("kid"));`);
    this.addSql(`alter table "identity"."signing_keys" add constraint "signing_keys_generation_unique" unique ("generation");`);

    this.addSql(`create table "identity"."users" ("id" uuid not null, "email" varchar(254) not null, "password_hash" varchar(255) not null, "display_name" varchar(100) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "users_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "identity"."refresh_tokens" ("id" uuid not null, "user_id" uuid not null, "family_id" uuid not null, "token_hash" varchar(64) not null, "expires_at" timestamptz not null, "created_at" timestamptz not null, "revoked_at" timestamptz null, "replaced_by" uuid null, constraint "refresh_tokens_pkey" primary key ("id"));`);
    this.addSql(`alter table "identity"."refresh_tokens" add constraint "refresh_tokens_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "refresh_tokens_family_id_index" on "identity"."refresh_tokens" ("family_id");`);
    this.addSql(`create index "refresh_tokens_user_id_index" on "identity"."refresh_tokens" ("user_id");`);

    this.addSql(`create table "identity"."memberships" ("id" uuid not null, "user_id" uuid not null, "organization_id" uuid not null, "role" text check ("role" in ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')) not null, "created_at" timestamptz not null, constraint "memberships_pkey" primary key ("id"));`);
    this.addSql(`create index "memberships_organization_id_index" on "identity"."memberships" ("organization_id");`);
    this.addSql(`alter table "identity"."memberships" add constraint "memberships_user_id_organization_id_unique" unique ("user_id", "organization_id");`);

    this.addSql(`alter table "identity"."refresh_tokens" add constraint "refresh_tokens_user_id_foreign" foreign key ("user_id") references "identity"."users" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "identity"."memberships" add constraint "memberships_user_id_foreign" foreign key ("user_id") references "identity"."users" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "identity"."memberships" add constraint "memberships_organization_id_foreign" foreign key ("organization_id") references "identity"."organizations" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "identity"."memberships" drop constraint "memberships_organization_id_foreign";`);

    this.addSql(`alter table "identity"."refresh_tokens" drop constraint "refresh_tokens_user_id_foreign";`);

    this.addSql(`alter table "identity"."memberships" drop constraint "memberships_user_id_foreign";`);

    this.addSql(`drop table if exists "identity"."organizations" cascade;`);

    this.addSql(`drop table if exists "identity"."signing_keys" cascade;`);

    this.addSql(`drop table if exists "identity"."users" cascade;`);

    this.addSql(`drop table if exists "identity"."refresh_tokens" cascade;`);

    this.addSql(`drop table if exists "identity"."memberships" cascade;`);

    this.addSql(`drop schema if exists "identity";`);
  }

}

import { chmodSync, existsSync } from 'node:fs';
import path from 'node:path';
import type {
  EntityManager as CoreEntityManager,
  EntityName,
  EntitySchema,
  FilterQuery,
  LockMode,
  LoggerNamespace,
  MigrationObject,
} from '@mikro-orm/core';
import type { AbstractSqlDriver, SqlEntityManager, MikroORM as SqlMikroORM } from '@mikro-orm/knex';
import { Migrator } from '@mikro-orm/migrations';
import type { Config, SubgraphName } from './config';
import { PRIVATE_FILE_MODE } from './data-dir';
import type { Logger } from './logger';
import { sqlSpanLoggerFactory } from './tracing/sql-spans';

export type Dialect = 'postgresql' | 'sqlite';
export type Orm = SqlMikroORM<AbstractSqlDriver>;
export type EntityManager = SqlEntityManager<AbstractSqlDriver>;

/** A subgraph's committed migrations, one list per dialect (their SQL differs). */
export interface MigrationSet {
  postgresql: MigrationObject[];
  sqlite: MigrationObject[];
}

export interface DatabaseOptions {
  subgraph: SubgraphName;
  // EntitySchema<any> because each subgraph passes its own entity types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  entities: EntitySchema<any, any>[];
  migrations: MigrationSet;
  /** PostgreSQL URL; without one the subgraph keeps a SQLite file under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  logger?: Logger;
  /** Where `npm run migration:create` writes new migrations. */
  migrationsPath?: string;
  /** Receives every SQL statement; tests use it to count queries. */
  onQuery?: (sql: string) => void;
  /** Whose spans its SQL spans are (the training worker opens the registry's database); the subgraph's by default. */
  tracedAs?: string;
}

/**
 * The table of `entity` as raw SQL names it, quoted, schema included (PostgreSQL keeps each subgraph in its
 * own schema): for the few statements written out by hand.
 */
export function qualifiedTableName(
  em: Pick<CoreEntityManager, 'getMetadata' | 'getPlatform' | 'config'>,
  entity: { name: string },
): string {
  const meta = em.getMetadata().get(entity.name);
  const q = (name: string) => em.getPlatform().quoteIdentifier(name);
  const schema = meta.schema ?? em.config.get('schema');
  return schema ? `${q(schema)}.${q(meta.tableName)}` : q(meta.tableName);
}

export function dialectOf(databaseUrl: string | undefined): Dialect {
  return databaseUrl ? 'postgresql' : 'sqlite';
}

/**
 * `mode` on PostgreSQL; none on SQLite, whose writers already run one at a time (and which has no row locks).
 */
export function rowLock(em: EntityManager, mode: LockMode): LockMode | undefined {
  return dialectOf(em.config.get('clientUrl')) === 'postgresql' ? mode : undefined;
}

/**
 * The row as committed (read again even when the identity map holds it), locked in `mode` until the
 * transaction ends (see rowLock); null when it is gone.
 */
export function findLocked<T extends { id: string }>(
  em: EntityManager,
  entity: EntityName<T>,
  id: string,
  mode: LockMode,
): Promise<T | null> {
  // Generic over T, TypeScript cannot see that `id` is one of T's properties.
  const where = { id } as unknown as FilterQuery<T>;
  return em.findOne(entity, where, { lockMode: rowLock(em, mode), refresh: true });
}

/**
 * Opens the subgraph's own database: its own PostgreSQL schema (named after the subgraph) or its own SQLite
 * file. No subgraph can reach another's tables, because none is given a connection to them.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Orm> {
  const dialect = dialectOf(options.databaseUrl);
  const common = {
    entities: options.entities,
    discovery: { warnWhenNoEntities: false },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations[dialect],
      path: options.migrationsPath ? path.join(options.migrationsPath, dialect) : undefined,
      emit: 'ts' as const,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
    },
    forceUtcTimezone: true,
    // Entities are loaded explicitly; nothing is populated behind a resolver's back.
    autoJoinRefsForFilters: false,
    debug: options.onQuery ? (['query'] as LoggerNamespace[]) : false,
    logger: options.onQuery
      ? (message: string) => options.onQuery!(message)
      : (message: string) => options.logger?.debug({ orm: message }),
    colors: false,
    loggerFactory: sqlSpanLoggerFactory({
      service: options.tracedAs ?? options.subgraph,
      system: dialect,
      namespace: options.subgraph,
    }),
  };
  if (dialect === 'postgresql') {
    const { MikroORM } = await import('@mikro-orm/postgresql');
    return (await MikroORM.init({
      ...common,
      clientUrl: options.databaseUrl,
      schema: options.subgraph,
      pool: { min: 0, max: 10 },
    })) as unknown as Orm;
  }
  const { MikroORM } = await import('@mikro-orm/libsql');
  const dbName = path.join(options.dataDir, `${options.subgraph}.sqlite`);
  const orm = (await MikroORM.init({ ...common, dbName })) as unknown as Orm;
  restrictSqliteFiles(dbName);
  return orm;
}

/**
 * Owner-only database files whatever the umask of the process that opened them (embedded mode sets one, a script
 * or a test may not). SQLite gives its -wal and -shm files the database file's mode when it creates them.
 */
function restrictSqliteFiles(dbName: string): void {
  for (const file of [dbName, `${dbName}-wal`, `${dbName}-shm`]) {
    if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
  }
}

/** Applies pending migrations; safe to run from several replicas at once on PostgreSQL (advisory lock). */
export async function migrate(orm: Orm, subgraph: SubgraphName): Promise<string[]> {
  const migrator = orm.getMigrator();
  if (dialectOf(orm.config.get('clientUrl')) !== 'postgresql') {
    return (await migrator.up()).map((m) => m.name);
  }
  // Two replicas starting together must not both run the same migration.
  const lockKey = hashLockKey(`mlaas:migrate:${subgraph}`);
  const connection = orm.em.getConnection();
  const knex = connection.getKnex();
  return knex.transaction(async (trx) => {
    await trx.raw('select pg_advisory_xact_lock(?)', [lockKey]);
    return (await migrator.up()).map((m) => m.name);
  });
}

function hashLockKey(text: string): number {
  let hash = 0;
  for (const char of text) hash = (Math.imul(31, hash) + char.charCodeAt(0)) | 0;
  return hash;
}

export type { Config };

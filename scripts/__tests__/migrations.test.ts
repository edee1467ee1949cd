import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphNames } from '../../lib/config';
import { migrate, openDatabase } from '../../lib/database';
import { subgraphModules } from '../../subgraphs';
import { createTestDatabase, type TestDatabase } from '../../test/support/postgres';

describe('committed migrations', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-migrations-'));
  // A database per subgraph: the schema diff would otherwise see the other subgraphs' schemas as extra.
  const databases: TestDatabase[] = [];
  const freshDatabaseUrl = async () => {
    const database = await createTestDatabase('migrations');
    databases.push(database);
    return database.url;
  };

  afterAll(async () => {
    await Promise.all(databases.map((d) => d.drop()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe.each(subgraphNames)('%s', (subgraph) => {
    it.each([
      ['postgresql', freshDatabaseUrl],
      ['sqlite', async () => undefined],
    ])('describe every entity on %s (else: npx tsx scripts/migration-create.ts)', async (dialect, url) => {
      const module = subgraphModules[subgraph];
      const orm = await openDatabase({
        subgraph,
        entities: module.entities,
        migrations: module.migrations,
        databaseUrl: await url(),
        dataDir,
      });
      try {
        await migrate(orm, subgraph);
        if (dialect === 'postgresql') {
          expect(await orm.getMigrator().checkMigrationNeeded()).toBe(false);
        } else {
          // MikroORM's SQLite diff always re-creates tables with enum check constraints, so compare columns instead.
          const tables = Object.values(orm.getMetadata().getAll()).filter(
            (m) => !m.embeddable && m.tableName,
          );
          expect(tables.length).toBe(module.entities.length);
          for (const meta of tables) {
            const columns = await orm.em
              .getConnection()
              .execute<{ name: string }[]>(`pragma table_info(\`${meta.tableName}\`)`);
            const expected = meta.props.flatMap((p) => p.fieldNames ?? []).sort();
            expect({ table: meta.tableName, columns: columns.map((c) => c.name).sort() }).toEqual({
              table: meta.tableName,
              columns: expected,
            });
          }
        }
      } finally {
        await orm.close();
      }
    });
  });

  it('lets several replicas start on one empty database at once: each migration runs exactly once', async () => {
    const url = await freshDatabaseUrl();
    const module = subgraphModules.registry;
    const replicas = await Promise.all(
      [1, 2, 3].map(() =>
        openDatabase({
          subgraph: 'registry',
          entities: module.entities,
          migrations: module.migrations,
          databaseUrl: url,
          dataDir,
        }),
      ),
    );
    try {
      const applied = await Promise.all(replicas.map((orm) => migrate(orm, 'registry')));
      // One replica applied everything; the others, waiting on the lock, found nothing left to do.
      expect(applied.map((names) => names.length).sort()).toEqual([
        0,
        0,
        module.migrations.postgresql.length,
      ]);
      expect(await replicas[0].getMigrator().checkMigrationNeeded()).toBe(false);
    } finally {
      await Promise.all(replicas.map((orm) => orm.close()));
    }
  });
});

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { subgraphNames, type SubgraphName } from '../lib/config';
import { migrate, openDatabase, type Dialect } from '../lib/database';
import { subgraphModules } from '../subgraphs';
import { createScratchDatabase } from './scratch-database';

/**
 * Writes a migration for each dialect from the difference between the committed migrations and the entities:
 *   npx tsx scripts/migration-create.ts <subgraph> [name]
 * Needs the local PostgreSQL (TEST_POSTGRES_URL). Also rewrites migrations/<dialect>/index.ts.
 */
async function createFor(subgraph: SubgraphName, dialect: Dialect, name: string | undefined): Promise<void> {
  const module = subgraphModules[subgraph];
  const folder = path.resolve(__dirname, '..', 'subgraphs', subgraph, 'migrations', dialect);
  const scratch =
    dialect === 'postgresql' ? await createScratchDatabase(`migrations_${subgraph}`) : undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-migrations-'));
  const orm = await openDatabase({
    subgraph,
    entities: module.entities,
    migrations: module.migrations,
    databaseUrl: scratch?.url,
    dataDir,
    migrationsPath: path.dirname(folder),
  });
  try {
    await migrate(orm, subgraph);
    const result = await orm.getMigrator().createMigration(folder, false, false, name);
    console.log(result.fileName ? `${dialect}: wrote ${result.fileName}` : `${dialect}: no changes`);
  } finally {
    await orm.close();
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  writeIndex(folder);
}

/** The index lists migrations explicitly, so that they load the same from ts (tests) and js (dist). */
function writeIndex(folder: string): void {
  const files = readdirSync(folder)
    .filter((f) => /^Migration\d+.*\.ts$/.test(f))
    .sort();
  const classes = files.map((f) => f.replace(/\.ts$/, ''));
  const lines = [
    '// Written by scripts/migration-create.ts; do not edit.',
    "import type { MigrationObject } from '@mikro-orm/core';",
    ...classes.map((c) => `import { ${c.replace(/[^\w]/g, '_')} } from './${c}';`),
    '',
    'export const migrations: MigrationObject[] = [',
    ...classes.map((c) => `  { name: '${c}', class: ${c.replace(/[^\w]/g, '_')} },`),
    '];',
    '',
  ];
  writeFileSync(path.join(folder, 'index.ts'), lines.join('\n'));
}

async function main(): Promise<void> {
  const [subgraph, rawName] = process.argv.slice(2);
  // The name becomes part of a class name.
  const name = rawName?.replace(/\W/g, '_');
  if (!subgraphNames.includes(subgraph as SubgraphName)) {
    console.error(`usage: tsx scripts/migration-create.ts <${subgraphNames.join('|')}> [name]`);
    process.exit(2);
  }
  for (const dialect of ['postgresql', 'sqlite'] as const)
    await createFor(subgraph as SubgraphName, dialect, name);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

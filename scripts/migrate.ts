import { subgraphNames, type SubgraphName } from '../lib/config';
import { migrate, openDatabase } from '../lib/database';
import { loadConfigOrExit } from '../lib/process';
import { subgraphModules } from '../subgraphs';

/**
 * Applies the committed migrations: `npm run migrate [subgraph…]` (all subgraphs by default). Services also migrate
 * at start; this script is for deploy pipelines that migrate before rolling out.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit('embedded');
  const requested = process.argv.slice(2) as SubgraphName[];
  const unknown = requested.filter((name) => !subgraphNames.includes(name));
  if (unknown.length) throw new Error(`Unknown subgraph(s): ${unknown.join(', ')}`);
  for (const name of requested.length ? requested : subgraphNames) {
    const module = subgraphModules[name];
    const orm = await openDatabase({
      subgraph: name,
      entities: module.entities,
      migrations: module.migrations,
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
    });
    try {
      const applied = await migrate(orm, name);
      console.log(`${name}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    } finally {
      await orm.close();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

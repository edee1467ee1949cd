import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../lib/paths';
import { spawnService } from '../support/processes';

/**
 * What each process of the production topology loads: a subgraph's process loads no file of another subgraph, the
 * gateway none of any. Each entry runs without configuration, so it exits at config time (78) — after every
 * static import has loaded — and a preload script writes `require.cache` on the way out. Needs `npm run build`.
 */
const PRELOAD = `process.on('exit', () => {
  require('node:fs').writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache)));
});
`;

const dist = path.join(projectRoot, 'dist');
const subgraphsFolder = path.join(dist, 'subgraphs') + path.sep;

const entries = [
  { entry: 'subgraphs/identity/main.js', owns: 'identity' },
  { entry: 'subgraphs/registry/main.js', owns: 'registry' },
  { entry: 'subgraphs/registry/training-worker/main.js', owns: 'registry' },
  { entry: 'subgraphs/inference/main.js', owns: 'inference' },
  { entry: 'subgraphs/observability/main.js', owns: 'observability' },
  { entry: 'gateway/main.js', owns: undefined },
];

describe('what a service process loads', () => {
  let folder: string;
  const loaded: string[] = [];

  beforeAll(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'mlaas-loaded-'));
    writeFileSync(path.join(folder, 'preload.js'), PRELOAD);
  });
  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
    // The counts are the point of the exercise for whoever trims a process's imports.
    if (loaded.length) process.stdout.write(`project files loaded per process:\n${loaded.join('\n')}\n`);
  });

  /** The project files (under dist/, outside node_modules) the entry had loaded when it exited. */
  async function projectFilesLoadedBy(entry: string): Promise<string[]> {
    const dump = path.join(folder, `${entry.replace(/\W/g, '_')}.json`);
    const service = spawnService(entry, entry, { LOADED_MODULES_FILE: dump }, [
      '--require',
      path.join(folder, 'preload.js'),
    ]);
    const code = await new Promise<number | null>((resolve) => service.child.once('exit', resolve));
    // Any other exit would mean it stopped before (or after) its imports, and the count would mean nothing.
    expect({ code, output: code === 78 ? '' : service.output() }).toEqual({ code: 78, output: '' });
    const files = JSON.parse(readFileSync(dump, 'utf8')) as string[];
    return files.filter((file) => file.startsWith(dist + path.sep));
  }

  it.each(entries)('$entry loads no file of another subgraph', async ({ entry, owns }) => {
    const files = await projectFilesLoadedBy(entry);
    const ownFolder = owns && path.join(subgraphsFolder, owns) + path.sep;
    const foreign = files.filter(
      (file) => file.startsWith(subgraphsFolder) && !(ownFolder && file.startsWith(ownFolder)),
    );
    expect(foreign.map((file) => path.relative(dist, file))).toEqual([]);
    const own = ownFolder ? files.filter((file) => file.startsWith(ownFolder)).length : 0;
    loaded.push(`  ${entry}: ${files.length} (${own} of its own subgraph)`);
  });
});

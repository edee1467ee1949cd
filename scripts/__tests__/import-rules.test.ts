import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../lib/paths';

/** Folders that hold no source of ours (build output, dependencies, local data). */
const skippedFolders = new Set(['node_modules', 'dist', 'data', 'coverage', 'profiles']);

/** Packages that tie code to GraphQL, the ORM, queues or a database driver: ml/ stays a plain library. */
const infrastructurePackages = [
  /^graphql(\/|$)/,
  /^@apollo\//,
  /^@mikro-orm\//,
  /^bullmq(\/|$)/,
  /^ioredis(\/|$)/,
  /^pg(\/|$)/,
];

interface Import {
  /** The importing file, relative to the project root with `/` separators. */
  from: string;
  /** The specifier as written. */
  specifier: string;
  /** For a relative specifier: the imported path relative to the project root (no extension resolution). */
  target?: string;
}

function sourceFiles(folder = projectRoot): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || skippedFolders.has(entry.name)) return [];
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Static imports, re-exports, `import()` and `require()` of every TypeScript file. */
function allImports(): Import[] {
  return sourceFiles().flatMap((file) => {
    const from = path.relative(projectRoot, file).split(path.sep).join('/');
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    return importedFiles.map(({ fileName: specifier }) => ({
      from,
      specifier,
      target: specifier.startsWith('.')
        ? path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier))
        : undefined,
    }));
  });
}

const under = (folder: string) => (file: string) => file === folder || file.startsWith(`${folder}/`);
const isTestCode = (file: string) =>
  under('test')(file) ||
  under('bench')(file) ||
  file.split('/').includes('__tests__') ||
  /\.test(\.ts)?$/.test(file);
/** `subgraphs/registry/model/model.ts` → `registry`; undefined outside a subgraph's folder. */
const subgraphOf = (file: string) => /^subgraphs\/([^/]+)\//.exec(file)?.[1];

const describeImport = ({ from, specifier }: Import) => `${from} imports ${specifier}`;

describe('import rules', () => {
  const imports = allImports();

  it('reads the imports of the whole source tree', () => {
    // Guards the rules below against passing because the walk found nothing.
    expect(imports.filter((i) => under('lib')(i.from)).length).toBeGreaterThan(50);
    expect(imports.filter((i) => under('subgraphs/registry')(i.from)).length).toBeGreaterThan(50);
  });

  it('keeps lib/ free of subgraphs and the gateway', () => {
    const violations = imports.filter(
      (i) => under('lib')(i.from) && i.target && (under('subgraphs')(i.target) || under('gateway')(i.target)),
    );
    expect(violations.map(describeImport)).toEqual([]);
  });

  it('keeps ml/ a library of its own: no lib/, subgraphs/, gateway/, GraphQL, ORM, queue or database driver', () => {
    const violations = imports.filter(
      (i) =>
        under('ml')(i.from) &&
        (i.target
          ? ['lib', 'subgraphs', 'gateway'].some((folder) => under(folder)(i.target!))
          : infrastructurePackages.some((pattern) => pattern.test(i.specifier))),
    );
    expect(violations.map(describeImport)).toEqual([]);
  });

  it('lets no subgraph import another subgraph (nor the table of all of them)', () => {
    const violations = imports.filter((i) => {
      const own = subgraphOf(i.from);
      return own && i.target && under('subgraphs')(i.target) && subgraphOf(i.target) !== own;
    });
    expect(violations.map(describeImport)).toEqual([]);
  });

  it('lets production code import no test code (test/, bench/, __tests__/, *.test.ts)', () => {
    const violations = imports.filter((i) => !isTestCode(i.from) && i.target && isTestCode(i.target));
    expect(violations.map(describeImport)).toEqual([]);
  });
});

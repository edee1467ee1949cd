import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeSubgraphs } from '../../lib/composition';
import { projectRoot } from '../../lib/paths';

describe('generated files', () => {
  it('composes the four subgraph schemas without errors into the committed supergraph (npm run compose)', () => {
    const result = composeSubgraphs();
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toBe(
      readFileSync(path.join(projectRoot, 'schema/supergraph.graphql'), 'utf8'),
    );
  });

  it('has committed resolver and operation types that match the schemas (npm run codegen)', () => {
    // The CLI's --check mode generates in memory and exits non-zero when a committed file would change.
    const run = spawnSync(
      process.execPath,
      [
        path.join(projectRoot, 'node_modules/@graphql-codegen/cli/esm/bin.js'),
        '--config',
        'codegen.ts',
        '--check',
      ],
      { cwd: projectRoot, encoding: 'utf8' },
    );
    expect({ status: run.status, output: run.status === 0 ? '' : run.stdout + run.stderr }).toEqual({
      status: 0,
      output: '',
    });
  }, 90_000);
});

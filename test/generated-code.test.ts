import { readFileSync } from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { composeSubgraphs } from '../lib/composition';
import { projectRoot } from '../lib/paths';
import codegenConfig from '../codegen';

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

describe('generated files', () => {
  it('composes the four subgraph schemas without errors into the committed supergraph (npm run compose)', () => {
    const result = composeSubgraphs(projectRoot);
    expect(result.errors).toBeUndefined();
    expect(result.supergraphSdl).toBe(read('schema/supergraph.graphql'));
  });

  it('has committed resolver and operation types that match the schemas (npm run codegen)', async () => {
    const outputs = (await generate({ ...codegenConfig, cwd: projectRoot, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.length).toBeGreaterThanOrEqual(4);
    for (const output of outputs) {
      const relative = path.relative(projectRoot, path.resolve(projectRoot, output.filename));
      expect({ file: relative, content: read(relative) }).toEqual({ file: relative, content: output.content });
    }
  }, 60_000);
});

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSubgraphs } from '../lib/composition';
import { projectRoot } from '../lib/paths';

/** Composes schema/<subgraph>.graphql into schema/supergraph.graphql (checked for drift by the test suite). */
const result = composeSubgraphs();
if (result.errors) {
  console.error('Composition failed:\n' + result.errors.map((e) => `  - ${e}`).join('\n'));
  process.exit(1);
}
const target = path.join(projectRoot, 'schema/supergraph.graphql');
const previous = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return '';
  }
})();
writeFileSync(target, result.supergraphSdl);
console.log(
  previous === result.supergraphSdl
    ? 'schema/supergraph.graphql is up to date'
    : 'wrote schema/supergraph.graphql',
);

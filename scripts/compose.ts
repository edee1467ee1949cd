import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSubgraphs } from '../lib/composition';

/** Composes schema/<subgraph>.graphql into schema/supergraph.graphql (checked for drift by the test suite). */
const root = path.resolve(__dirname, '..');
const result = composeSubgraphs(root);
if (result.errors) {
  console.error('Composition failed:\n' + result.errors.map((e) => `  - ${e}`).join('\n'));
  process.exit(1);
}
const target = path.join(root, 'schema/supergraph.graphql');
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

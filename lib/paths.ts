import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type DocumentNode } from 'graphql';

/** The repository root, whether this runs from source (tsx, jest) or from the compiled dist/ folder. */
export const projectRoot = (() => {
  const parent = path.resolve(__dirname, '..');
  return path.basename(parent) === 'dist' ? path.resolve(parent, '..') : parent;
})();

/** A subgraph's SDL from schema/<name>.graphql, the source of truth it is served from. */
export function readSubgraphSchema(name: string): DocumentNode {
  return parse(readFileSync(path.join(projectRoot, 'schema', `${name}.graphql`), 'utf8'));
}

export function readSupergraphSdl(): string {
  return readFileSync(path.join(projectRoot, 'schema', 'supergraph.graphql'), 'utf8');
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphNames, type SubgraphName } from './config';

/** Where the gateway finds a subgraph when composing; the real URLs come from config at run time. */
export const placeholderSubgraphUrl = (name: SubgraphName) => `http://${name}.mlaas.internal/graphql`;

export type CompositionOutcome =
  { supergraphSdl: string; errors?: undefined } | { errors: string[]; supergraphSdl?: undefined };

export function readSubgraphSdl(root: string, name: SubgraphName): string {
  return readFileSync(path.join(root, 'schema', `${name}.graphql`), 'utf8');
}

/** Composes the four subgraph schemas with @apollo/composition. */
export function composeSubgraphs(root: string): CompositionOutcome {
  const result = composeServices(
    subgraphNames.map((name) => ({
      name,
      url: placeholderSubgraphUrl(name),
      typeDefs: parse(readSubgraphSdl(root, name)),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl + '\n' };
}

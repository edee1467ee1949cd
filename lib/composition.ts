import { composeServices } from '@apollo/composition';
import { subgraphNames, type SubgraphName } from './config';
import { readSubgraphSchema } from './paths';

/** Where the gateway finds a subgraph when composing; the real URLs come from config at run time. */
export const placeholderSubgraphUrl = (name: SubgraphName) => `http://${name}.mlaas.internal/graphql`;

export type CompositionOutcome =
  { supergraphSdl: string; errors?: undefined } | { errors: string[]; supergraphSdl?: undefined };

/** Composes the four subgraph schemas with @apollo/composition. */
export function composeSubgraphs(): CompositionOutcome {
  const result = composeServices(
    subgraphNames.map((name) => ({
      name,
      url: placeholderSubgraphUrl(name),
      typeDefs: readSubgraphSchema(name),
    })),
  );
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl + '\n' };
}

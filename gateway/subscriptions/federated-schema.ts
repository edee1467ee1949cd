import { operationFromDocument, Supergraph, type Schema } from '@apollo/federation-internals';
import { QueryPlanner, type QueryPlan } from '@apollo/query-planner';
import type { DocumentNode, GraphQLSchema } from 'graphql';

/**
 * The supergraph as the gateway's own executor sees it, built the same way @apollo/gateway builds it
 * (ApolloGateway.createSchemaFromSupergraphSdl and updateWithSchemaAndNotify in 2.14.4), so that plans made here
 * are the plans the gateway would make.
 */
export interface FederatedSchema {
  /** The client-facing schema (graphql-js): what operations are validated against. */
  schema: GraphQLSchema;
  /** The same API schema in federation-internals form, as executeQueryPlan wants it. */
  apiSchema: Schema;
  /** The full supergraph (graphql-js), used by executeQueryPlan for type conditions and rewrites. */
  supergraphSchema: GraphQLSchema;
  planner: QueryPlanner;
  /** Subgraph names as the supergraph spells them (`join__Graph` values' names). */
  subgraphNames: string[];
}

export function loadFederatedSchema(supergraphSdl: string): FederatedSchema {
  const supergraph = Supergraph.build(supergraphSdl, {
    validateSupergraph: process.env.NODE_ENV !== 'production',
  });
  const apiSchema = supergraph.apiSchema();
  return {
    schema: apiSchema.toGraphQLJSSchema(),
    apiSchema,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    planner: new QueryPlanner(supergraph),
    subgraphNames: supergraph.subgraphsMetadata().map((s) => s.name),
  };
}

/** Plans an operation exactly as ApolloGateway's executor does (including its two opt-out switches). */
export function planOperation(
  federated: FederatedSchema,
  document: DocumentNode,
  operationName: string | undefined,
): QueryPlan {
  const operation = operationFromDocument(federated.apiSchema, document, { operationName });
  return federated.planner.buildQueryPlan(operation, {
    recursiveSelectionsLimitDisabled:
      process.env.APOLLO_DISABLE_SECURITY_RECURSIVE_SELECTIONS_CHECK === 'true',
    nonLocalSelectionsLimitDisabled:
      process.env.APOLLO_DISABLE_SECURITY_NON_LOCAL_SELECTIONS_CHECK === 'true',
  });
}

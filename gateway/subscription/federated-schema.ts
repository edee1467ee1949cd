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
  /** The planner's opt-out switches, as ApolloGateway sets them (see apolloGatewaySwitches). */
  planOptions: PlanOptions;
}

export interface PlanOptions {
  recursiveSelectionsLimitDisabled: boolean;
  nonLocalSelectionsLimitDisabled: boolean;
}

/**
 * The environment switches ApolloGateway reads itself, once, when it is constructed (2.14.4: NODE_ENV for
 * supergraph validation, two APOLLO_DISABLE_* planner opt-outs). They are @apollo/gateway's, not our config: it
 * offers no option for the opt-outs, so the environment stays their one source, read here once too, when the
 * schema loads, so subscription plans are made exactly like the gateway's query plans.
 */
function apolloGatewaySwitches(env: NodeJS.ProcessEnv) {
  return {
    validateSupergraph: env.NODE_ENV !== 'production',
    planOptions: {
      recursiveSelectionsLimitDisabled: env.APOLLO_DISABLE_SECURITY_RECURSIVE_SELECTIONS_CHECK === 'true',
      nonLocalSelectionsLimitDisabled: env.APOLLO_DISABLE_SECURITY_NON_LOCAL_SELECTIONS_CHECK === 'true',
    },
  };
}

export function loadFederatedSchema(supergraphSdl: string): FederatedSchema {
  const { validateSupergraph, planOptions } = apolloGatewaySwitches(process.env);
  const supergraph = Supergraph.build(supergraphSdl, { validateSupergraph });
  const apiSchema = supergraph.apiSchema();
  return {
    schema: apiSchema.toGraphQLJSSchema(),
    apiSchema,
    supergraphSchema: supergraph.schema.toGraphQLJSSchema(),
    planner: new QueryPlanner(supergraph),
    subgraphNames: supergraph.subgraphsMetadata().map((s) => s.name),
    planOptions,
  };
}

/** Plans an operation exactly as ApolloGateway's executor does (including its two opt-out switches). */
export function planOperation(
  federated: FederatedSchema,
  document: DocumentNode,
  operationName: string | undefined,
): QueryPlan {
  const operation = operationFromDocument(federated.apiSchema, document, { operationName });
  return federated.planner.buildQueryPlan(operation, federated.planOptions);
}

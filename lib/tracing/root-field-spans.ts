import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { withSpan } from './spans';
import { tracingEnabled, type TracedService } from './tracing';

/**
 * A span around every root field of `Query` and `Mutation` (the service call a resolver makes, `_entities`
 * included: that is how another subgraph's `owner { email }` reaches identity). Nested fields are not spanned:
 * they are mostly property reads, and their database work shows as SQL spans under the root field's.
 * Changes the schema in place, once, at start; with tracing off it changes nothing.
 */
export function traceRootFields(schema: GraphQLSchema, service: TracedService): void {
  if (!tracingEnabled()) return;
  for (const type of [schema.getQueryType(), schema.getMutationType()]) {
    if (type) traceFieldsOf(type, service);
  }
}

function traceFieldsOf(type: GraphQLObjectType, service: TracedService): void {
  for (const field of Object.values(type.getFields())) {
    const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
    const name = `${type.name}.${field.name}`;
    field.resolve = (source, args, context, info) =>
      withSpan(
        service,
        name,
        { attributes: { 'graphql.field.path': name, 'graphql.operation.name': info.operation.name?.value } },
        async () => resolve(source, args, context, info),
      );
  }
}

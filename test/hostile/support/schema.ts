import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { readSupergraphSdl } from '../../../lib/paths';

/**
 * The client-facing schema, composed from every subgraph (schema/supergraph.graphql), built as the gateway builds
 * it. Cases generated from it cover an operation added tomorrow without anyone listing it here.
 */
export const apiSchema: GraphQLSchema = Supergraph.build(readSupergraphSdl(), { validateSupergraph: false })
  .apiSchema()
  .toGraphQLJSSchema();

export type RootKind = 'query' | 'mutation' | 'subscription';

export interface RootField {
  kind: RootKind;
  field: GraphQLField<unknown, unknown>;
}

export function rootFields(...kinds: RootKind[]): RootField[] {
  const types = {
    query: apiSchema.getQueryType(),
    mutation: apiSchema.getMutationType(),
    subscription: apiSchema.getSubscriptionType(),
  };
  return kinds.flatMap((kind) =>
    Object.values(types[kind]?.getFields() ?? {}).map((field) => ({ kind, field })),
  );
}

/** One scalar or enum value inside a field's arguments: an argument, or a field of an input object, or a list item. */
export interface Leaf {
  /** Argument name, then input field names (list items add no step). */
  path: string[];
  /** The scalar's or enum's name: ID, String, DateTime, JSON, Int… */
  typeName: string;
  /** Input object type holding the leaf, if any (e.g. `StartTrainingJobInput`). */
  holder?: string;
  required: boolean;
}

export const leafName = (leaf: Leaf) => leaf.path[leaf.path.length - 1];
export const leafKey = (leaf: Leaf) => leaf.path.join('.');

/** Every leaf a field's arguments can hold (input objects are expanded, recursion cut at repeated types). */
export function leavesOf(field: GraphQLField<unknown, unknown>): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (
    type: GraphQLInputType,
    path: string[],
    holder: string | undefined,
    required: boolean,
    seen: Set<string>,
  ) => {
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      if (seen.has(named.name)) return;
      for (const inner of Object.values(named.getFields())) {
        walk(
          inner.type,
          [...path, inner.name],
          named.name,
          required && isNonNullType(inner.type),
          new Set([...seen, named.name]),
        );
      }
    } else {
      leaves.push({ path, typeName: named.name, holder, required });
    }
  };
  for (const argument of field.args)
    walk(argument.type, [argument.name], undefined, isNonNullType(argument.type), new Set());
  return leaves;
}

/** A value for one leaf, or `undefined` to leave an optional leaf out. */
export type Fill = (leaf: Leaf) => unknown;

/** The arguments of a field: required leaves always, optional ones when `fill` gives a value. */
export function buildArguments(field: GraphQLField<unknown, unknown>, fill: Fill): Record<string, unknown> {
  const build = (
    type: GraphQLInputType,
    path: string[],
    holder: string | undefined,
    seen: Set<string>,
  ): unknown => {
    const required = isNonNullType(type);
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) {
      const item = build(inner.ofType, path, holder, seen);
      return item === undefined ? (required ? [] : undefined) : [item];
    }
    if (isInputObjectType(inner)) {
      if (seen.has(inner.name)) return undefined;
      const value: Record<string, unknown> = {};
      for (const f of Object.values(inner.getFields())) {
        const built = build(f.type, [...path, f.name], inner.name, new Set([...seen, inner.name]));
        if (built !== undefined) value[f.name] = built;
      }
      return Object.keys(value).length || required ? value : undefined;
    }
    return fill({ path, typeName: inner.name, holder, required });
  };
  const values: Record<string, unknown> = {};
  for (const argument of field.args) {
    const value = build(argument.type, [argument.name], undefined, new Set());
    if (value !== undefined) values[argument.name] = value;
  }
  return values;
}

/** `fieldName(a: $a, b: $b)` with variable definitions `($a: T!, $b: U)` for the given argument names. */
export function operationFor(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  argumentNames: string[],
): string {
  const used: GraphQLArgument[] = field.args.filter((a) => argumentNames.includes(a.name));
  const definitions = used.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const callArguments = used.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind}${definitions ? ` (${definitions})` : ''} { ${field.name}${callArguments ? `(${callArguments})` : ''}${selectionOf(field.type)} }`;
}

/** Every scalar field without required arguments, one level deep, and the ids of the objects beside them. */
export function selectionOf(type: GraphQLField<unknown, unknown>['type']): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  const parts = ['__typename'];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(field.type);
    if (isScalarType(inner) || isEnumType(inner)) parts.push(field.name);
    else if (isObjectType(inner) && inner.getFields().id) parts.push(`${field.name} { id }`);
    else if (isObjectType(inner) && field.name === 'edges')
      parts.push(`edges { cursor node { ${nodeSelection(inner)} } }`);
  }
  return ` { ${parts.join(' ')} }`;
}

function nodeSelection(edge: GraphQLObjectType): string {
  const node = getNamedType(edge.getFields().node?.type) as GraphQLNamedType | undefined;
  if (!node || !isObjectType(node)) return '__typename';
  const scalars = Object.values(node.getFields()).filter((f) => {
    const inner = getNamedType(f.type);
    return (isScalarType(inner) || isEnumType(inner)) && !f.args.some((a) => isNonNullType(a.type));
  });
  return ['__typename', ...scalars.map((f) => f.name)].join(' ');
}

/** Fields of any object type that take an `after` cursor: the paginated connections. */
export function paginatedFields(): { parent: GraphQLObjectType; field: GraphQLField<unknown, unknown> }[] {
  const found: { parent: GraphQLObjectType; field: GraphQLField<unknown, unknown> }[] = [];
  for (const type of Object.values(apiSchema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((a) => a.name === 'after')) found.push({ parent: type, field });
    }
  }
  return found;
}

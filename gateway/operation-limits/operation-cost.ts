import {
  getNamedType,
  getOperationAST,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type InlineFragmentNode,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
} from 'graphql';
import { SelectionFolder, type SelectionFold } from './selection-fold';

/** How an operation's cost is estimated, and the most it may cost. */
export interface CostLimits {
  /** Most an operation may cost: roughly, the most objects its answer can hold. */
  maxCost: number;
  /** Items assumed in a list that takes no `first`/`last` argument. */
  defaultListSize: number;
  /** The largest page a `first`/`last` argument can ask for; larger values are refused by the subgraphs. */
  maxPageSize: number;
}

interface CostContext {
  parentType: GraphQLNamedType | undefined;
  /** The page size of the connection this selection set belongs to, for its list fields (`edges`, `nodes`). */
  pageSize: number | undefined;
}

const PAGE_ARGUMENTS = ['first', 'last'];

/** How many lists wrap the field's type: `[[Item!]!]!` is 2. (Schema types are shallow: recursion is safe.) */
function listDepth(type: GraphQLType): number {
  if (isNonNullType(type)) return listDepth(type.ofType);
  return isListType(type) ? 1 + listDepth(type.ofType) : 0;
}

function fieldDefinition(
  parent: GraphQLNamedType | undefined,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  return parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
}

/**
 * Folds an operation into its cost: each object field costs 1, times the number of items its list can hold, plus
 * what its items select; leaves cost nothing. A field with a `first`/`last` argument is a page of that size (its
 * literal, its variable's value, else the argument's default; at most `maxPageSize`): applied to the field if it
 * is a list, else to the lists of the connection it returns (`edges`, `nodes`). Other lists count
 * `defaultListSize` items. `__typename` is free and introspection (`__schema`, `__type`) costs 1: the schema fixes
 * its size.
 */
class CostFold implements SelectionFold<CostContext, number> {
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: CostLimits,
    private readonly variables: Record<string, unknown>,
  ) {}

  empty = () => 0;
  add = (total: number, item: number) => total + item;

  enterField(field: FieldNode, context: CostContext): CostContext | undefined {
    const definition = fieldDefinition(context.parentType, field.name.value);
    const type = definition && getNamedType(definition.type);
    if (!definition || !isCompositeType(type)) return undefined;
    const paged = this.pageArgument(definition) && listDepth(definition.type) === 0;
    return { parentType: type, pageSize: paged ? this.pageSize(field, definition) : undefined };
  }

  field(field: FieldNode, context: CostContext, inner: number): number {
    const name = field.name.value;
    if (name === '__typename') return 0;
    if (name === '__schema' || name === '__type') return 1;
    const definition = fieldDefinition(context.parentType, name);
    if (!definition || !isCompositeType(getNamedType(definition.type))) return 0;
    return this.multiplier(field, definition, context) * (1 + inner);
  }

  enterInlineFragment(
    fragment: InlineFragmentNode | FragmentDefinitionNode,
    context: CostContext,
  ): CostContext {
    const condition = fragment.typeCondition && this.schema.getType(fragment.typeCondition.name.value);
    return { ...context, parentType: condition ?? context.parentType };
  }

  inlineFragment = (_fragment: unknown, inner: number) => inner;
  enterFragment = this.enterInlineFragment;
  fragmentKey = (name: string, context: CostContext) => `${name}:${context.pageSize ?? ''}`;
  spread = (_spread: unknown, inner: number) => inner;

  /** How many items the field's value holds at most: 1 unless it is a list. */
  private multiplier(
    field: FieldNode,
    definition: GraphQLField<unknown, unknown>,
    context: CostContext,
  ): number {
    const depth = listDepth(definition.type);
    if (depth === 0) return 1;
    const outer = this.pageArgument(definition)
      ? this.pageSize(field, definition)
      : (context.pageSize ?? this.limits.defaultListSize);
    return outer * this.limits.defaultListSize ** (depth - 1);
  }

  private pageArgument(definition: GraphQLField<unknown, unknown>): GraphQLArgument | undefined {
    return definition.args.find((argument) => PAGE_ARGUMENTS.includes(argument.name));
  }

  private pageSize(field: FieldNode, definition: GraphQLField<unknown, unknown>): number {
    const argument = field.arguments?.find((a) => PAGE_ARGUMENTS.includes(a.name.value));
    const value = argument
      ? argument.value.kind === Kind.VARIABLE
        ? this.variables[argument.value.name.value]
        : valueFromASTUntyped(argument.value)
      : this.pageArgument(definition)?.defaultValue;
    if (value === undefined || value === null) return this.limits.defaultListSize;
    // A value that is no page size is refused later (variable coercion, the subgraph): count the largest page.
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.limits.maxPageSize;
    return Math.min(Math.max(value, 0), this.limits.maxPageSize);
  }
}

/** The variables as the operation will see them: the request's, else the defaults its definitions declare. */
function variablesWithDefaults(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (variables && Object.hasOwn(variables, name)) values[name] = variables[name];
    else if (definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  return values;
}

/** The cost of the operation a request runs (see CostFold), or undefined when the document has no such operation. */
export function operationCost(
  schema: GraphQLSchema,
  limits: CostLimits,
  request: {
    document: DocumentNode;
    operationName?: string | null;
    variables?: Record<string, unknown> | null;
  },
): number | undefined {
  const operation = getOperationAST(request.document, request.operationName);
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return undefined;
  const fold = new CostFold(schema, limits, variablesWithDefaults(operation, request.variables ?? undefined));
  const folder = new SelectionFolder(request.document, fold);
  return folder.foldSelectionSet(operation.selectionSet, { parentType: root, pageSize: undefined });
}

/** Refuses an operation that costs more than `maxCost` (GRAPHQL_VALIDATION_FAILED, with its cost). */
export function operationCostError(
  schema: GraphQLSchema,
  limits: CostLimits,
  request: Parameters<typeof operationCost>[2],
): GraphQLError | undefined {
  const cost = operationCost(schema, limits, request);
  if (cost === undefined || cost <= limits.maxCost) return undefined;
  const shown = Number.isFinite(cost) && cost < 1e15 ? String(cost) : 'more than 10^15';
  return new GraphQLError(
    `The operation may return up to ${shown} objects (its cost); the maximum is ${limits.maxCost}. Ask for smaller pages (first) or fewer nested lists`,
  );
}

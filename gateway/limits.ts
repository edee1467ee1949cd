import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** Size of a selection set: how deep its fields nest and how many aliases it uses, fragments expanded. */
interface Measure {
  depth: number;
  aliases: number;
}

/**
 * Measures selection sets with every fragment spread expanded, memoizing fragments so that a small document
 * spreading one fragment many times is measured in linear time. Introspection (`__schema`, `__type`) is not
 * counted: its depth is fixed by the schema, and the playground's introspection query is deeper than any limit
 * a client query deserves.
 */
class DocumentMeasurer {
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measured = new Map<string, Measure>();
  private readonly measuring = new Set<string>();

  constructor(context: ValidationContext) {
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
  }

  measure(selectionSet: SelectionSetNode | undefined): Measure {
    const total: Measure = { depth: 0, aliases: 0 };
    for (const selection of selectionSet?.selections ?? []) {
      let inner: Measure;
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const below = this.measure(selection.selectionSet);
        inner = { depth: below.depth + 1, aliases: below.aliases + (selection.alias ? 1 : 0) };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = this.measure(selection.selectionSet);
      } else {
        inner = this.measureFragment(selection.name.value);
      }
      total.depth = Math.max(total.depth, inner.depth);
      total.aliases += inner.aliases;
    }
    return total;
  }

  private measureFragment(name: string): Measure {
    const known = this.measured.get(name);
    if (known) return known;
    const fragment = this.fragments.get(name);
    // Unknown and cyclic fragments are reported by graphql-js's own rules; count them as empty here.
    if (!fragment || this.measuring.has(name)) return { depth: 0, aliases: 0 };
    this.measuring.add(name);
    const result = this.measure(fragment.selectionSet);
    this.measuring.delete(name);
    this.measured.set(name, result);
    return result;
  }
}

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : 'The operation';
}

/** Rejects operations whose fields nest deeper than `maxDepth` (GRAPHQL_VALIDATION_FAILED). */
export function createDepthLimitRule(maxDepth: number): ValidationRule {
  return (context) => {
    const measurer = new DocumentMeasurer(context);
    return {
      OperationDefinition(operation) {
        const { depth } = measurer.measure(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(
              `${operationLabel(operation)} is ${depth} levels deep; the maximum depth is ${maxDepth}`,
              {
                nodes: [operation],
              },
            ),
          );
        }
      },
    };
  };
}

/** Rejects operations with more than `maxAliases` aliases, counted with fragments expanded. */
export function createAliasLimitRule(maxAliases: number): ValidationRule {
  return (context) => {
    const measurer = new DocumentMeasurer(context);
    return {
      OperationDefinition(operation) {
        const { aliases } = measurer.measure(operation.selectionSet);
        if (aliases > maxAliases) {
          context.reportError(
            new GraphQLError(
              `${operationLabel(operation)} uses ${aliases} aliases; the maximum is ${maxAliases}`,
              {
                nodes: [operation],
              },
            ),
          );
        }
      },
    };
  };
}

export interface OperationLimits {
  /** Deepest field nesting allowed in an operation. */
  maxDepth: number;
  /** Most aliases allowed in an operation, fragments expanded. */
  maxAliases: number;
}

export function createLimitRules(limits: OperationLimits): ValidationRule[] {
  return [createDepthLimitRule(limits.maxDepth), createAliasLimitRule(limits.maxAliases)];
}

import {
  GraphQLError,
  Kind,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

export interface OperationLimits {
  /** Deepest field nesting allowed in an operation (introspection's meta fields do not count). */
  maxDepth: number;
  /** Most aliases allowed in an operation, fragments expanded, introspection included. */
  maxAliases: number;
}

export interface GatewayLimits extends OperationLimits {
  /** Largest request accepted: a POST /graphql body (413 beyond) or one WebSocket message (closed with 1009). */
  maxRequestBytes: number;
  /**
   * Operations one WebSocket connection may run at once (subscriptions, and queries still in flight).
   * @default 100
   */
  maxOperationsPerConnection?: number;
}

/** Size of a selection set: how deep its fields nest and how many aliases it uses, fragments expanded. */
interface Measure {
  depth: number;
  aliases: number;
}

/**
 * Measures selection sets with every fragment spread expanded, memoizing fragments so that a small document
 * spreading one fragment many times is measured in linear time. Every alias counts, introspection's included (an
 * alias is what lets a document ask for the same costly field many times). Meta fields (`__schema`, `__type`,
 * `__typename`) add no depth: the schema fixes how deep introspection goes, and the playground's introspection
 * query is deeper than any limit a client query deserves.
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
        const below = this.measure(selection.selectionSet);
        const isMetaField = selection.name.value.startsWith('__');
        inner = {
          depth: isMetaField ? 0 : below.depth + 1,
          aliases: below.aliases + (selection.alias ? 1 : 0),
        };
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

/**
 * Rejects operations that nest deeper than `maxDepth` or use more than `maxAliases` aliases
 * (GRAPHQL_VALIDATION_FAILED): one rule, so each operation is measured in one walk of the document.
 */
export function createOperationLimitsRule(limits: OperationLimits): ValidationRule {
  return (context) => {
    const measurer = new DocumentMeasurer(context);
    return {
      OperationDefinition(operation) {
        const { depth, aliases } = measurer.measure(operation.selectionSet);
        const label = operationLabel(operation);
        if (depth > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`${label} is ${depth} levels deep; the maximum depth is ${limits.maxDepth}`, {
              nodes: [operation],
            }),
          );
        }
        if (aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(`${label} uses ${aliases} aliases; the maximum is ${limits.maxAliases}`, {
              nodes: [operation],
            }),
          );
        }
      },
    };
  };
}

/**
 * Refuses number literals that are not finite (`1e999`). graphql-js accepts them as Float literals and the query
 * planner then fails on them, which would reach the client as an internal error instead of a validation error.
 */
export const FiniteNumberLiteralsRule: ValidationRule = (context: ValidationContext) => ({
  FloatValue(node) {
    if (!Number.isFinite(Number(node.value))) {
      context.reportError(
        new GraphQLError(`The number ${node.value} is out of range: numbers must be finite`, {
          nodes: [node],
        }),
      );
    }
  },
});

/** The gateway's validation rules beyond graphql-js's own. */
export function createLimitRules(limits: OperationLimits): ValidationRule[] {
  return [createOperationLimitsRule(limits), FiniteNumberLiteralsRule];
}

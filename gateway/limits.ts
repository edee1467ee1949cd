import { GraphQLError, type ValidationContext, type ValidationRule } from 'graphql';
import { createOperationShapeRule, type OperationShapeLimits } from './operation-limits/operation-measure';
import { RequestGuard } from './operation-limits/request-guard';

export { MAX_ERRORS } from './operation-limits/bounded-errors';
export type { RequestGuard } from './operation-limits/request-guard';

export interface OperationLimits {
  /** Deepest field nesting allowed in an operation (introspection's meta fields do not count). */
  maxDepth: number;
  /** Most aliases allowed in an operation, fragments expanded, introspection included. */
  maxAliases: number;
  /**
   * Most fields selected at an operation's root, fragments expanded.
   * @default 20
   */
  maxRootFields?: number;
  /**
   * Most directives used in an operation, fragments expanded.
   * @default 50
   */
  maxDirectives?: number;
}

export interface GatewayLimits extends OperationLimits {
  /** Largest request accepted: a POST /graphql body (413 beyond) or one WebSocket message (closed with 1009). */
  maxRequestBytes: number;
  /**
   * Operations one WebSocket connection may run at once (subscriptions, and queries still in flight).
   * @default 100
   */
  maxOperationsPerConnection?: number;
  /**
   * Most lexical tokens in one document (graphql-js `maxTokens`).
   * @default 15000
   */
  maxTokens?: number;
  /**
   * Most fragment definitions in one document.
   * @default 200
   */
  maxFragments?: number;
  /**
   * Most an operation may cost: each object field counts 1, times the items of the lists around it (a page's
   * `first`/`last`, else `defaultListSize`). See operation-limits/operation-cost.ts.
   * @default 10000
   */
  maxCost?: number;
  /**
   * Items the cost assumes for a list without a `first`/`last` argument.
   * @default 20
   */
  defaultListSize?: number;
  /**
   * Largest `first`/`last` the subgraphs accept; a larger one costs this much (the subgraph refuses it anyway).
   * @default 100
   */
  maxPageSize?: number;
  /**
   * Deepest nesting of objects and arrays in `variables` and in `extensions`, the outer object being 1.
   * @default 32
   */
  maxInputDepth?: number;
  /**
   * Largest `variables` (and `extensions`) as JSON, in bytes.
   * @default maxRequestBytes
   */
  maxInputBytes?: number;
}

export const DEFAULT_LIMITS = {
  maxRootFields: 20,
  maxDirectives: 50,
  maxOperationsPerConnection: 100,
  maxTokens: 15_000,
  maxFragments: 200,
  maxCost: 10_000,
  defaultListSize: 20,
  maxPageSize: 100,
  maxInputDepth: 32,
} as const;

function shapeLimits(limits: OperationLimits): OperationShapeLimits {
  return {
    maxDepth: limits.maxDepth,
    maxAliases: limits.maxAliases,
    maxRootFields: limits.maxRootFields ?? DEFAULT_LIMITS.maxRootFields,
    maxDirectives: limits.maxDirectives ?? DEFAULT_LIMITS.maxDirectives,
  };
}

/**
 * The request checks that run before parsing and the cost limit (operation-limits/request-guard.ts). Brackets
 * may nest twice the depth (a field's selection set and an inline fragment per level), plus an argument list
 * and an input value as deep as variables may be: far below what graphql-js's recursion can take.
 */
export function createRequestGuard(limits: GatewayLimits): RequestGuard {
  const maxInputDepth = limits.maxInputDepth ?? DEFAULT_LIMITS.maxInputDepth;
  return new RequestGuard({
    document: {
      maxTokens: limits.maxTokens ?? DEFAULT_LIMITS.maxTokens,
      maxNesting: 2 * limits.maxDepth + 1 + maxInputDepth,
      maxFragments: limits.maxFragments ?? DEFAULT_LIMITS.maxFragments,
    },
    input: { maxDepth: maxInputDepth, maxBytes: limits.maxInputBytes ?? limits.maxRequestBytes },
    maxCost: limits.maxCost ?? DEFAULT_LIMITS.maxCost,
    defaultListSize: limits.defaultListSize ?? DEFAULT_LIMITS.defaultListSize,
    maxPageSize: limits.maxPageSize ?? DEFAULT_LIMITS.maxPageSize,
  });
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
  return [createOperationShapeRule(shapeLimits(limits)), FiniteNumberLiteralsRule];
}

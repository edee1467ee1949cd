import { QueryOrder } from '@mikro-orm/core';
import { raw, type QBFilterQuery } from '@mikro-orm/knex';
import type { EntityManager } from '../../../../lib/database';
import type { KeysetCursor, SortValue, SortValueType } from '../../../../lib/keyset-page';
import { RunLatestMetric } from '../metric.entity';
import { RunParam, type Run } from '../run.entity';
import type { ComparisonOperator } from './lexer';
import type { Comparison, FilterNode, RunOrder } from './parser';

/**
 * Turns a parsed search into MikroORM conditions. Every literal travels as a bound parameter of the query
 * builder; no text of the filter is ever spliced into SQL. `r` is the runs alias of the search query.
 */

const OPERATORS: Record<ComparisonOperator, string> = {
  '=': '$eq',
  '!=': '$ne',
  '<': '$lt',
  '<=': '$lte',
  '>': '$gt',
  '>=': '$gte',
};

/** Conditions on runs for the filter; metrics and params are matched by a subquery per comparison. */
export function compileFilter(
  em: EntityManager,
  organizationId: string,
  node: FilterNode,
): QBFilterQuery<Run> {
  if (node.kind === 'comparison') return compileComparison(em, organizationId, node);
  const operands = node.operands.map((operand) => compileFilter(em, organizationId, operand));
  return node.kind === 'and' ? { $and: operands } : { $or: operands };
}

function compileComparison(
  em: EntityManager,
  organizationId: string,
  comparison: Comparison,
): QBFilterQuery<Run> {
  const { subject, value } = comparison;
  const condition = { [OPERATORS[comparison.operator]]: value };
  switch (subject.type) {
    case 'attribute': {
      const property = { status: 'status', start_time: 'startedAt', end_time: 'finishedAt' }[subject.key];
      return { [property]: condition };
    }
    case 'metric': {
      // Compared with the latest value of the metric, as MLflow does; a run without the metric never matches.
      // A synchronous sub-query, so it names the organization itself instead of awaiting the filter.
      // eslint-disable-next-line no-restricted-syntax
      const runs = em
        .createQueryBuilder(RunLatestMetric, 'lm')
        .select('lm.run')
        .where({ organizationId, key: subject.key, value: condition });
      return { id: { $in: raw(runs) } };
    }
    case 'param': {
      // A number compares with params that read as numbers; a string with the param's text.
      const column = typeof value === 'number' ? 'numberValue' : 'value';
      // eslint-disable-next-line no-restricted-syntax -- names the organization itself, as above
      const runs = em
        .createQueryBuilder(RunParam, 'rp')
        .select('rp.run')
        .where({ organizationId, key: subject.key, [column]: condition });
      return { id: { $in: raw(runs) } };
    }
  }
}

/** One sort column of a run search; null sorts last in both directions. */
export interface SortKey {
  /** A property path of the search query: `r.startedAt`, or `s.value` of the joined metric or param. */
  path: string;
  /** The same as a column, to select it beside the run: `r.started_at`. */
  column: string;
  direction: 'ASC' | 'DESC';
  nullable: boolean;
  type: SortValueType;
}

/** How to order a run search: an optional join to the metric or param sorted by, then the sort columns. */
export interface OrderPlan {
  /** Names the order in cursors, so that a cursor of another order is refused. */
  name: string;
  join?: { relation: 'latestMetrics' | 'paramEntries'; key: string };
  keys: SortKey[];
}

export const DEFAULT_RUN_ORDER: RunOrder = {
  subject: { type: 'attribute', key: 'start_time' },
  direction: 'DESC',
};

export function planOrder(order: RunOrder): OrderPlan {
  const { subject, direction } = order;
  const name = `${subject.type} ${direction} ${subject.key}`;
  const key = (path: string, column: string, kind: SortValueType['kind'], nullable = true): SortKey => ({
    path,
    column,
    direction,
    nullable,
    type: { kind, nullable },
  });
  switch (subject.type) {
    case 'metric':
      return {
        name,
        join: { relation: 'latestMetrics', key: subject.key },
        keys: [key('s.value', 's.value', 'number')],
      };
    case 'param':
      // Params that read as numbers sort numerically, before the others, which sort as text.
      return {
        name,
        join: { relation: 'paramEntries', key: subject.key },
        keys: [key('s.numberValue', 's.number_value', 'number'), key('s.value', 's.value', 'string')],
      };
    case 'attribute':
      if (subject.key === 'status') return { name, keys: [key('r.status', 'r.status', 'string', false)] };
      if (subject.key === 'start_time')
        return { name, keys: [key('r.startedAt', 'r.started_at', 'date', false)] };
      return { name, keys: [key('r.finishedAt', 'r.finished_at', 'date')] };
  }
}

/** ORDER BY of the plan, with the id as the tie-breaker that makes the order total. */
export function orderByOf(plan: OrderPlan): Record<string, QueryOrder>[] {
  const sorted = plan.keys.map((k) => ({
    [k.path]: k.nullable
      ? k.direction === 'ASC'
        ? QueryOrder.ASC_NULLS_LAST
        : QueryOrder.DESC_NULLS_LAST
      : QueryOrder[k.direction],
  }));
  return [...sorted, { 'r.id': QueryOrder[plan.keys[0].direction] }];
}

/**
 * The rows strictly after the cursor in the plan's order: for sort keys k1..kn and the id,
 * (k1 after v1) or (k1 = v1 and k2 after v2) or … or (all equal and id after), where a null is after every value.
 */
export function keysetAfter(plan: OrderPlan, cursor: KeysetCursor): QBFilterQuery<Run> {
  const terms: QBFilterQuery<Run>[] = [];
  const equal: QBFilterQuery<Run>[] = [];
  plan.keys.forEach((key, i) => {
    const value: SortValue = cursor.values[i];
    const operator = key.direction === 'ASC' ? '$gt' : '$lt';
    if (value === null) {
      // Nothing sorts after a null except another null.
      equal.push({ [key.path]: null });
      return;
    }
    const later = { [key.path]: { [operator]: value } };
    terms.push({ $and: [...equal, key.nullable ? { $or: [later, { [key.path]: null }] } : later] });
    equal.push({ [key.path]: value });
  });
  const idOperator = plan.keys[0].direction === 'ASC' ? '$gt' : '$lt';
  terms.push({ $and: [...equal, { 'r.id': { [idOperator]: cursor.id } } as QBFilterQuery<Run>] });
  return { $or: terms };
}

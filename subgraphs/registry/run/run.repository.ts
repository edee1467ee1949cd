import { scopedQueryBuilder } from '../../../lib/organization-scope';
import { LockMode } from '@mikro-orm/core';
import { QueryFlag } from '@mikro-orm/knex';
import { findLocked, type EntityManager } from '../../../lib/database';
import { OrganizationRepository } from '../../../lib/organization-repository';
import type { KeysetCursor, SortValue, SortValueType } from '../../../lib/keyset-page';
import { Run, RunParam } from './run.entity';
import type { FilterNode } from './search/parser';
import { compileFilter, keysetAfter, orderByOf, type OrderPlan } from './search/run-query';

/** A param as validated, before it belongs to a run. */
export type ParamValue = Pick<RunParam, 'key' | 'value' | 'kind' | 'numberValue'>;

/** A run of a search page, with the values it was sorted by (what its cursor holds). */
export interface SearchedRun {
  run: Run;
  sortValues: SortValue[];
}

/** Raw sort columns arrive as the driver gives them: dates as Date (PostgreSQL) or epoch ms (SQLite). */
function sortValue(value: unknown, type: SortValueType): SortValue {
  if (value === null || value === undefined) return null;
  if (type.kind === 'date') return new Date(value as Date | number);
  if (type.kind === 'number') return Number(value);
  return String(value);
}

/**
 * Run and param queries. The EntityManager is confined to one organization by the `organization` filter; the
 * search query builder applies it explicitly, and its subqueries name the organization themselves.
 */
export class RunRepository extends OrganizationRepository<Run> {
  protected readonly entity = Run;

  constructor(
    em: EntityManager,
    private readonly organizationId: string,
  ) {
    super(em);
  }

  /**
   * The run, locked until the transaction ends (PostgreSQL), so that logging and finishing one run serialize.
   * SQLite needs no lock: its writers already run one at a time.
   */
  findForUpdate(id: string): Promise<Run | null> {
    // Read again: a run already in the identity map may carry a status read before another request changed it.
    return findLocked(this.em, Run, id, LockMode.PESSIMISTIC_WRITE);
  }

  protected override bind(em: EntityManager): this {
    return new RunRepository(em, this.organizationId) as this;
  }

  /** Up to `limit` runs of the experiment that match the filter, in the plan's order, after the cursor. */
  async search(
    experimentId: string,
    filter: FilterNode | null,
    plan: OrderPlan,
    limit: number,
    after?: KeysetCursor,
  ): Promise<SearchedRun[]> {
    const qb = scopedQueryBuilder(this.em, Run, 'r', { experiment: experimentId })
      .select(['r.*', ...plan.keys.map((key, i) => `${key.column} as sort_${i}`)])
      // The join matches at most one row per run (one key), so the limit needs no to-many subquery.
      .setFlag(QueryFlag.DISABLE_PAGINATE);
    if (plan.join) qb.leftJoin(`r.${plan.join.relation}`, 's', { key: plan.join.key });
    if (filter) qb.andWhere(compileFilter(this.em, this.organizationId, filter));
    if (after) qb.andWhere(keysetAfter(plan, after));
    const rows: Record<string, unknown>[] = await qb
      .orderBy(orderByOf(plan))
      .limit(limit)
      .execute('all', false);
    return rows.map((row) => ({
      run: this.em.map(Run, row),
      sortValues: plan.keys.map((key, i) => sortValue(row[`sort_${i}`], key.type)),
    }));
  }

  async count(experimentId: string, filter: FilterNode | null): Promise<number> {
    const qb = scopedQueryBuilder(this.em, Run, 'r', { experiment: experimentId });
    if (filter) qb.andWhere(compileFilter(this.em, this.organizationId, filter));
    return qb.getCount();
  }

  /** Params of the given runs in one query, by key. */
  paramsOf(runIds: readonly string[]): Promise<RunParam[]> {
    return this.em.find(
      RunParam,
      { run: { $in: [...runIds] } },
      { orderBy: { key: 'asc' }, disableIdentityMap: true },
    );
  }

  /** Inserts the run and its params; call it inside `transactional`. */
  async insert(run: Run, params: readonly ParamValue[]): Promise<void> {
    this.em.persist(run);
    await this.em.flush();
    await this.insertParams(run, params);
  }

  /** Writes changes to loaded runs; call it inside `transactional`. */
  flush(): Promise<void> {
    return this.em.flush();
  }

  /** One multi-row insert; params are immutable, so rows are only ever added. */
  async insertParams(run: Run, params: readonly ParamValue[]): Promise<void> {
    if (params.length === 0) return;
    await this.em.insertMany(
      RunParam,
      params.map((p) => ({ ...p, run: run.id, organizationId: run.organizationId })),
    );
  }
}

import type { EntityManager } from '@mikro-orm/core';
import { dialectOf, qualifiedTableName } from '../../../lib/database';
import type { MinuteCounts } from './metrics-window';
import type { MinuteIncrement } from './minute-aggregation';
import { ModelMinuteMetrics } from './model-minute-metrics.entity';

function tableOf(em: EntityManager): { table: string; tableName: string } {
  return {
    table: qualifiedTableName(em, ModelMinuteMetrics),
    tableName: em.getMetadata().get(ModelMinuteMetrics.name).tableName,
  };
}

/** Rows per statement: 7 parameters each, under SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 2_000;

/**
 * Adds the increments to their minute rows, creating those missing, in the caller's transaction. One statement
 * for the lot: the counts add up in SQL and the histograms merge key by key in SQL, so concurrent replicas adding
 * to the same minute both count.
 */
export async function addToMinutes(em: EntityManager, increments: readonly MinuteIncrement[]): Promise<void> {
  const postgres = dialectOf(em.config.get('clientUrl')) === 'postgresql';
  const platform = em.getPlatform();
  const q = (name: string) => platform.quoteIdentifier(name);
  const { table, tableName } = tableOf(em);
  const existing = postgres ? 't' : q(tableName);
  const histogram = `${existing}.${q('latency_histogram')}`;
  const incoming = `excluded.${q('latency_histogram')}`;
  // Only the batch's buckets are visited (a few dozen), not the stored row's (up to thousands): each is looked up in
  // the stored histogram, added to, and laid over it.
  const merged = postgres
    ? `${histogram} || (select coalesce(jsonb_object_agg(key, coalesce((${histogram} ->> key)::bigint, 0) + ` +
      `value::bigint), '{}'::jsonb) from jsonb_each_text(${incoming}))`
    : `json_patch(${histogram}, (select coalesce(json_group_object(key, ` +
      `coalesce(json_extract(${histogram}, '$."' || key || '"'), 0) + value), '{}') from json_each(${incoming})))`;
  const add = (column: string) => `${q(column)} = ${existing}.${q(column)} + excluded.${q(column)}`;
  const columns = [
    'organization_id',
    'model_id',
    'minute',
    'requests',
    'errors',
    'cache_hits',
    'latency_histogram',
  ];
  const row = postgres ? '(?, ?, ?, ?, ?, ?, ?::jsonb)' : '(?, ?, ?, ?, ?, ?, ?)';
  for (let start = 0; start < increments.length; start += ROWS_PER_STATEMENT) {
    const chunk = increments.slice(start, start + ROWS_PER_STATEMENT);
    const sql =
      `insert into ${table}${postgres ? ' as t' : ''} (${columns.map(q).join(', ')}) ` +
      `values ${chunk.map(() => row).join(', ')} ` +
      `on conflict (${q('organization_id')}, ${q('model_id')}, ${q('minute')}) do update set ` +
      `${add('requests')}, ${add('errors')}, ${add('cache_hits')}, ${q('latency_histogram')} = ${merged}`;
    const params = chunk.flatMap((increment) => [
      increment.organizationId,
      increment.modelId,
      platform.processDateProperty(new Date(increment.minute)),
      increment.requests,
      increment.errors,
      increment.cacheHits,
      JSON.stringify(increment.latencyHistogram),
    ]);
    await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
  }
}

/**
 * The sums of the given models' minutes from `from` on, in one query: the database adds the counts and the
 * histograms bucket by bucket, so a day of minutes (1,440 rows of up to thousands of buckets each) never leaves it.
 * A model without minutes is absent from the answer.
 */
export async function sumMinutes(
  em: EntityManager,
  organizationId: string,
  modelIds: readonly string[],
  from: Date,
): Promise<Map<string, MinuteCounts>> {
  const sums = new Map<string, MinuteCounts>();
  if (!modelIds.length) return sums;
  const postgres = dialectOf(em.config.get('clientUrl')) === 'postgresql';
  const platform = em.getPlatform();
  const q = (name: string) => platform.quoteIdentifier(name);
  const { table } = tableOf(em);
  const where = `t.${q('organization_id')} = ? and t.${q('model_id')} in (${modelIds.map(() => '?').join(', ')}) and t.${q('minute')} >= ?`;
  const params = [organizationId, ...modelIds, platform.processDateProperty(from)];
  const buckets = postgres
    ? `jsonb_each_text(t.${q('latency_histogram')}) as j`
    : `json_each(t.${q('latency_histogram')}) as j`;
  const count = (column: string, key: string) =>
    `select t.${q('model_id')} as model_id, '${key}' as bucket, t.${q(column)} as n from ${table} as t where ${where}`;
  const sql =
    `select model_id, bucket, sum(n) as n from (` +
    `select t.${q('model_id')} as model_id, j.key as bucket, ${postgres ? 'j.value::bigint' : 'j.value'} as n ` +
    `from ${table} as t cross join ${buckets} where ${where} union all ` +
    `${count('requests', REQUESTS)} union all ${count('errors', ERRORS)} union all ${count('cache_hits', CACHE_HITS)}` +
    `) as u group by model_id, bucket`;
  const rows = await em
    .getConnection()
    .execute<{ model_id: string; bucket: string; n: number | string }[]>(
      sql,
      [...params, ...params, ...params, ...params],
      'all',
      em.getTransactionContext(),
    );
  for (const row of rows) {
    let sum = sums.get(row.model_id);
    if (!sum) {
      sum = { requests: 0, errors: 0, cacheHits: 0, latencyHistogram: {} };
      sums.set(row.model_id, sum);
    }
    const n = Number(row.n);
    if (row.bucket === REQUESTS) sum.requests = n;
    else if (row.bucket === ERRORS) sum.errors = n;
    else if (row.bucket === CACHE_HITS) sum.cacheHits = n;
    else sum.latencyHistogram[row.bucket] = n;
  }
  return sums;
}

// Bucket names of the counts beside the histogram's buckets in sumMinutes' answer (no bucket starts with '#').
const REQUESTS = '#requests';
const ERRORS = '#errors';
const CACHE_HITS = '#cache_hits';

/** Deletes every organization's minutes before `before` (retention); answers how many. */
export function deleteMinutesBefore(em: EntityManager, before: Date): Promise<number> {
  return em.nativeDelete(ModelMinuteMetrics, { minute: { $lt: before } }, { filters: false });
}

import type { EntityManager } from '@mikro-orm/core';
import { dialectOf } from '../../../lib/database';
import type { MinuteIncrement } from './minute-aggregation';
import { ModelMinuteMetrics } from './model-minute-metrics.entity';

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
  const meta = em.getMetadata().get(ModelMinuteMetrics.name);
  const schema = meta.schema ?? em.config.get('schema');
  const table = schema ? `${q(schema)}.${q(meta.tableName)}` : q(meta.tableName);
  const existing = postgres ? 't' : q(meta.tableName);
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

/** The minute rows of the given models from `from` on, in one query; `em` is confined to one organization. */
export function findMinutes(
  em: EntityManager,
  modelIds: readonly string[],
  from: Date,
): Promise<ModelMinuteMetrics[]> {
  return em.find(
    ModelMinuteMetrics,
    { modelId: { $in: [...modelIds] }, minute: { $gte: from } },
    { disableIdentityMap: true },
  );
}

/** Deletes every organization's minutes before `before` (retention); answers how many. */
export function deleteMinutesBefore(em: EntityManager, before: Date): Promise<number> {
  return em.nativeDelete(ModelMinuteMetrics, { minute: { $lt: before } }, { filters: false });
}

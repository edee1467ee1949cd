import type { EntityManager } from '@mikro-orm/core';
import { qualifiedTableName } from '../../../lib/database';
import { ConsumedEvent } from './consumed-event.entity';

/**
 * How long an applied event's id is remembered. A stream entry is redelivered only while it is pending (minutes at
 * most, see stream-consumer.ts), so a day is ample, and it keeps the table at one day of events.
 */
export const CONSUMED_EVENT_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * Records the events as applied by `group` and answers the ids that were not recorded before: the only ones the
 * caller may apply. Runs in the caller's transaction (`em` inside `em.transactional`), so the record and the
 * effects commit together or not at all; a concurrent replica applying the same event waits on the row and then
 * sees it as recorded.
 */
export async function recordNewEvents(
  em: EntityManager,
  group: string,
  eventIds: readonly string[],
): Promise<Set<string>> {
  const unique = [...new Set(eventIds)];
  if (!unique.length) return new Set();
  const platform = em.getPlatform();
  const q = (name: string) => platform.quoteIdentifier(name);
  const table = qualifiedTableName(em, ConsumedEvent);
  const now = platform.processDateProperty(new Date());
  const fresh = new Set<string>();
  // SQLite takes at most 32,766 parameters per statement; PostgreSQL 65,535.
  for (let start = 0; start < unique.length; start += 5_000) {
    const ids = unique.slice(start, start + 5_000);
    const sql =
      `insert into ${table} (${q('consumer_group')}, ${q('event_id')}, ${q('consumed_at')}) ` +
      `values ${ids.map(() => '(?, ?, ?)').join(', ')} ` +
      `on conflict do nothing returning ${q('event_id')}`;
    const params = ids.flatMap((id) => [group, id, now]);
    const rows = await em
      .getConnection()
      .execute<{ event_id: string }[]>(sql, params, 'all', em.getTransactionContext());
    for (const row of rows) fresh.add(row.event_id);
  }
  return fresh;
}

/** Forgets the ids applied before `before` (see CONSUMED_EVENT_RETENTION_MS); answers how many. */
export function forgetConsumedBefore(em: EntityManager, before: Date): Promise<number> {
  return em.nativeDelete(ConsumedEvent, { consumedAt: { $lt: before } });
}

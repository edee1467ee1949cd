import { randomUUID } from 'node:crypto';
import { type EntityManager, qualifiedTableName } from '../../../lib/database';
import { MetricPoint, RunLatestMetric } from './metric.entity';
import type { Run } from './run.entity';

/** A metric point as validated, before it belongs to a run. */
export interface PointValue {
  key: string;
  value: number;
  step: number;
  timestamp: Date;
}

/** MLflow's order of "latest": the greatest step, then timestamp, then value. */
export function isLater(a: PointValue, b: PointValue): boolean {
  if (a.step !== b.step) return a.step > b.step;
  if (a.timestamp.getTime() !== b.timestamp.getTime()) return a.timestamp > b.timestamp;
  return a.value > b.value;
}

/** The latest point of each key among `points`. */
export function latestByKey(points: readonly PointValue[]): PointValue[] {
  const latest = new Map<string, PointValue>();
  for (const point of points) {
    const current = latest.get(point.key);
    if (!current || isLater(point, current)) latest.set(point.key, point);
  }
  return [...latest.values()];
}

/** Metric points and latest values. The EntityManager is confined to one organization by its filter. */
export class MetricRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Appends the points in one multi-row insert, then raises each key's latest value where a point is later than
   * the stored one, in one upsert. Call it inside the transaction that holds the run.
   */
  async append(run: Run, points: readonly PointValue[]): Promise<void> {
    const owned = (p: PointValue) => ({ ...p, run: run.id, organizationId: run.organizationId });
    // insertMany writes plain rows, so the entity's id default does not apply.
    await this.em.insertMany(
      MetricPoint,
      points.map((p) => ({ id: randomUUID(), ...owned(p) })),
    );
    await this.raiseLatest(run, latestByKey(points));
  }

  /**
   * One upsert of the latest values: a stored value is replaced only by a later point. The condition has the
   * same order as `isLater`, as a row-value comparison that PostgreSQL and SQLite both evaluate; a concurrent
   * writer to the same run waits on the run's lock, so it sees every earlier point. Written out because
   * MikroORM's and knex's upserts drop the merge condition on SQLite; every value is a bound parameter.
   */
  private async raiseLatest(run: Run, latest: readonly PointValue[]): Promise<void> {
    const meta = this.em.getMetadata().get(RunLatestMetric.name);
    const platform = this.em.getPlatform();
    const q = (name: string) => platform.quoteIdentifier(name);
    const table = qualifiedTableName(this.em, RunLatestMetric);
    const columns = ['run_id', 'key', 'organization_id', 'value', 'step', 'timestamp'];
    const values = latest.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
    const params = latest.flatMap((p) => [
      run.id,
      p.key,
      run.organizationId,
      p.value,
      p.step,
      platform.processDateProperty(p.timestamp),
    ]);
    const [step, timestamp, value] = ['step', 'timestamp', 'value'].map(q);
    const stored = (column: string) => `${q(meta.tableName)}.${column}`;
    const sql =
      `insert into ${table} (${columns.map(q).join(', ')}) values ${values} ` +
      `on conflict (${q('run_id')}, ${q('key')}) do update set ` +
      `${value} = excluded.${value}, ${step} = excluded.${step}, ${timestamp} = excluded.${timestamp} ` +
      `where (excluded.${step}, excluded.${timestamp}, excluded.${value}) > ` +
      `(${stored(step)}, ${stored(timestamp)}, ${stored(value)})`;
    await this.em.getConnection().execute(sql, params, 'run', this.em.getTransactionContext());
  }

  /** The latest point of every metric of the given runs, in one query, by key. */
  latestOf(runIds: readonly string[]): Promise<RunLatestMetric[]> {
    return this.em.find(
      RunLatestMetric,
      { run: { $in: [...runIds] } },
      { orderBy: { key: 'asc' }, disableIdentityMap: true },
    );
  }

  /** Every point of the given keys of the given runs, in one query, by step then timestamp. */
  historyOf(runIds: readonly string[], keys: readonly string[]): Promise<MetricPoint[]> {
    return this.em.find(
      MetricPoint,
      { run: { $in: [...runIds] }, key: { $in: [...keys] } },
      { orderBy: [{ step: 'asc' }, { timestamp: 'asc' }, { value: 'asc' }], disableIdentityMap: true },
    );
  }
}

import { Gauge } from 'prom-client';
import { type Orm, qualifiedTableName } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import type { ServiceMetrics } from '../../../lib/metrics';
import { jobStatuses, TrainingJob, type JobStatus } from './training-job.entity';

interface StatusRow {
  status: JobStatus;
  jobs: number | string;
  epochs: number | string | null;
}

/**
 * Training jobs in `/metrics`, read from the database at each scrape: the workers that change a job's status
 * serve no HTTP, and the row is the truth about a job whichever worker ran it. Every registry replica answers
 * the same figures (dashboards take their max); the query is one `group by` over the jobs table.
 */
export function registerTrainingJobMetrics(orm: Orm, { registry }: ServiceMetrics, logger: Logger): void {
  let latest: Promise<StatusRow[]> | undefined;
  // Both gauges are collected in the same scrape: one query serves them.
  const rows = () => {
    latest ??= readStatusRows(orm).finally(() => setImmediate(() => (latest = undefined)));
    return latest;
  };
  const gauge = (name: string, help: string, value: (row: StatusRow) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        try {
          const byStatus = new Map((await rows()).map((row) => [row.status, row]));
          for (const status of jobStatuses) {
            const row = byStatus.get(status);
            this.set({ status }, row ? value(row) : 0);
          }
        } catch (error) {
          // A scrape while the database is away keeps the last figures rather than failing all of /metrics.
          logger.warn({ err: error }, 'training job metrics not read');
        }
      },
    });
  gauge('mlaas_training_jobs', 'Training jobs by status, all organizations', (row) => Number(row.jobs));
  gauge(
    'mlaas_training_job_epochs',
    'Epochs completed by the current attempt of the training jobs in each status, all organizations',
    (row) => Number(row.epochs ?? 0),
  );
}

/** Written out because the organization filter guards every ORM query, and these figures span organizations. */
async function readStatusRows(orm: Orm): Promise<StatusRow[]> {
  const em = orm.em.fork();
  const q = (name: string) => em.getPlatform().quoteIdentifier(name);
  const table = qualifiedTableName(em, TrainingJob);
  const sql = `select ${q('status')} as status, count(*) as jobs, sum(${q('epoch')}) as epochs from ${table} group by ${q('status')}`;
  return em.getConnection().execute<StatusRow[]>(sql);
}

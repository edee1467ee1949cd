import { Client } from 'pg';
import type { ServiceProcess } from '../test/support/processes';
import { cpuSeconds } from './service-usage';

/** Something whose CPU time a cell reports per prediction. */
export interface CpuSource {
  name: string;
  /** CPU seconds used so far. */
  seconds(): number;
}

export const processCpu = (service: ServiceProcess): CpuSource => ({
  name: service.name,
  seconds: () => cpuSeconds(service.child.pid!),
});

/**
 * The PostgreSQL backends connected to the run's database (the services' pools, warm after the warm-up run):
 * the CPU a prediction costs the database server, which no service's figure shows. A backend that ends keeps
 * the time last read from it.
 */
export async function postgresCpu(databaseUrl: string): Promise<CpuSource> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let pids: number[];
  try {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    pids = rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
  const last = new Map<number, number>();
  return {
    name: 'postgres',
    seconds: () =>
      pids.reduce((sum, pid) => {
        try {
          last.set(pid, cpuSeconds(pid));
        } catch {
          // ended: its last reading stands
        }
        return sum + (last.get(pid) ?? 0);
      }, 0),
  };
}

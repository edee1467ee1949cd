import DataLoader from 'dataloader';
import type { RegistryRequest } from '../registry-request';
import type { MetricPoint, RunLatestMetric } from './metric.entity';
import { MetricRepository } from './metric.repository';
import type { Run } from './run.entity';
import type { RunService } from './run.service';
import { parseMetrics, type MetricInput } from './run.validation';

/** A metric point as the API shows it. */
export type MetricPointView = Pick<MetricPoint, 'key' | 'value' | 'step' | 'timestamp'>;

const view = ({ key, value, step, timestamp }: MetricPoint | RunLatestMetric): MetricPointView => ({
  key,
  value,
  step,
  timestamp,
});

// Loader keys for a run's history of one metric; NUL cannot occur in a run id.
const historyKey = (runId: string, key: string) => `${runId}\u0000${key}`;

/**
 * Metrics of runs for one request: logging batches of points to a RUNNING run, and batched reads of the latest
 * value per key and of the history of a key.
 */
export class MetricService {
  private readonly latestByRun = new DataLoader<string, MetricPointView[]>(async (runIds) => {
    const byRun = new Map(runIds.map((id) => [id, [] as MetricPointView[]]));
    for (const metric of await this.repo().latestOf(runIds)) byRun.get(metric.run.id)!.push(view(metric));
    return runIds.map((id) => byRun.get(id)!);
  });
  // Many runs asking for the history of a few keys cost one query: every (run, key) pair of the batch is
  // within runs × keys, and the rows outside the pairs asked for are dropped.
  private readonly history = new DataLoader<[string, string], MetricPointView[], string>(
    async (pairs) => {
      const runIds = [...new Set(pairs.map(([runId]) => runId))];
      const keys = [...new Set(pairs.map(([, key]) => key))];
      const byPair = new Map(pairs.map(([runId, key]) => [historyKey(runId, key), [] as MetricPointView[]]));
      for (const point of await this.repo().historyOf(runIds, keys)) {
        byPair.get(historyKey(point.run.id, point.key))?.push(view(point));
      }
      return pairs.map(([runId, key]) => byPair.get(historyKey(runId, key))!);
    },
    { cacheKeyFn: ([runId, key]) => historyKey(runId, key) },
  );

  constructor(
    private readonly request: RegistryRequest,
    private readonly runs: RunService,
  ) {}

  /** The latest point of each metric of the run, by key. */
  latest(run: Run): Promise<MetricPointView[]> {
    return this.latestByRun.load(run.id);
  }

  /** Every point of the metric, by step, then timestamp. */
  historyOf(run: Run, key: string): Promise<MetricPointView[]> {
    return this.history.load([run.id, key]);
  }

  /**
   * Logs up to 1000 points to a RUNNING run: one multi-row insert of the points and one upsert of the latest
   * values, in the transaction that holds the run. Bad input writes nothing.
   */
  async log(runId: string, inputs: readonly MetricInput[]): Promise<Run> {
    this.request.writer('runs');
    const points = parseMetrics(inputs, new Date());
    const run = await this.runs.updateRunning(runId, async (locked, _runs, em) => {
      if (points.length > 0) await new MetricRepository(em).append(locked, points);
    });
    this.latestByRun.clear(run.id);
    // Histories are cached per (run, key); any key of this run may have grown.
    this.history.clearAll();
    return run;
  }

  private repo(): MetricRepository {
    return new MetricRepository(this.request.em());
  }
}

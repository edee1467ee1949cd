import { Client } from 'pg';
import { anonymousCaller, graphqlRequestBinding, signCaller } from '../../../../lib/caller';
import { TEST_INTERNAL_SECRET } from '../../../../test/support/subgraph-client';
import {
  createExperiment,
  createRun,
  errorsOf,
  expectData,
  finishRun,
  LOG_METRICS,
  logMetrics,
  member,
  sqlStatements,
  useRegistry,
  type MetricPointView,
} from '../../../../test/support/harness/tracking';

const HISTORY = `query ($id: ID!, $key: String!) { run(id: $id) {
  metrics { key value step timestamp } metricHistory(key: $key) { key value step timestamp } } }`;

/** Resolves once a session of this database waits for a row lock (polls pg_stat_activity). */
async function waitForLockWaiter(client: Client): Promise<void> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const { rows } = await client.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('no session waited for the run lock');
}

describe('registry runs: logging metrics', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  let experimentId: string;

  beforeAll(async () => {
    experimentId = (await createExperiment(registry, owner, { name: 'metrics' })).id;
  });

  const newRun = async () => (await createRun(registry, owner, experimentId)).id;
  const pointCount = async (runId: string) => {
    const rows: { n: string }[] = await registry.subgraph.orm.em
      .getConnection()
      .execute('select count(*) as n from registry.metric_points where run_id = ?', [runId]);
    return Number(rows[0].n);
  };
  const history = (runId: string, key: string) =>
    expectData<{ run: { metrics: MetricPointView[]; metricHistory: MetricPointView[] } }>(
      registry,
      owner,
      HISTORY,
      {
        id: runId,
        key,
      },
    ).then((data) => data.run);

  it('keeps every point, and shows the latest of each key: greatest step, then timestamp, then value', async () => {
    const runId = await newRun();
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    const run = await logMetrics(registry, owner, runId, [
      { key: 'loss', value: 0.9, step: 0, timestamp: t(0) },
      { key: 'loss', value: 0.4, step: 2, timestamp: t(2) },
      { key: 'loss', value: 0.6, step: 1, timestamp: t(5) },
      { key: 'accuracy', value: 0.7, step: 3, timestamp: t(1) },
      { key: 'accuracy', value: 0.8, step: 3, timestamp: t(4) },
      { key: 'f1', value: 0.2, step: 1, timestamp: t(1) },
      { key: 'f1', value: 0.3, step: 1, timestamp: t(1) },
    ]);
    expect(run.metrics).toEqual([
      { key: 'accuracy', value: 0.8, step: 3, timestamp: t(4) },
      { key: 'f1', value: 0.3, step: 1, timestamp: t(1) },
      { key: 'loss', value: 0.4, step: 2, timestamp: t(2) },
    ]);
    const { metricHistory } = await history(runId, 'loss');
    expect(metricHistory.map((p) => [p.step, p.value])).toEqual([
      [0, 0.9],
      [1, 0.6],
      [2, 0.4],
    ]);
    expect((await history(runId, 'missing')).metricHistory).toEqual([]);
  });

  it('keeps the latest value across calls: an earlier step logged later does not replace it', async () => {
    const runId = await newRun();
    await logMetrics(registry, owner, runId, [{ key: 'loss', value: 0.5, step: 10 }]);
    const run = await logMetrics(registry, owner, runId, [
      { key: 'loss', value: 0.9, step: 3 },
      { key: 'lr', value: 0.01 },
    ]);
    expect(run.metrics.map((m) => [m.key, m.value, m.step])).toEqual([
      ['loss', 0.5, 10],
      ['lr', 0.01, 0],
    ]);
    const later = await logMetrics(registry, owner, runId, [{ key: 'loss', value: 0.1, step: 11 }]);
    expect(later.metrics[0]).toMatchObject({ key: 'loss', value: 0.1, step: 11 });
    expect((await history(runId, 'loss')).metricHistory.map((p) => p.step)).toEqual([3, 10, 11]);
  });

  it('defaults the step to 0 and the timestamp to the time of the call', async () => {
    const runId = await newRun();
    const before = Date.now();
    const run = await logMetrics(registry, owner, runId, [{ key: 'x', value: -1.5 }]);
    expect(run.metrics[0]).toMatchObject({ key: 'x', value: -1.5, step: 0 });
    const timestamp = new Date(run.metrics[0].timestamp).getTime();
    expect(timestamp).toBeGreaterThanOrEqual(before - 1000);
    expect(timestamp).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('logs 1000 points in one multi-row insert, and one upsert of the latest values', async () => {
    const runId = await newRun();
    const points = Array.from({ length: 1000 }, (_, i) => ({ key: `m${i % 10}`, value: i / 1000, step: i }));
    registry.queries.splice(0);
    const result = await registry.call(
      owner,
      `mutation ($runId: ID!, $metrics: [MetricInput!]!) {
      logMetrics(runId: $runId, metrics: $metrics) { id } }`,
      { runId, metrics: points },
    );
    expect(result.errors).toBeUndefined();
    const sql = sqlStatements(registry.queries);
    expect(sql.filter((q) => /insert into "registry"\."metric_points"/.test(q))).toHaveLength(1);
    expect(sql.filter((q) => /insert into "registry"\."run_latest_metrics"/.test(q))).toHaveLength(1);
    // The run's lock, the points and the latest values.
    expect(sql).toHaveLength(3);
    expect(await pointCount(runId)).toBe(1000);
    const { metrics } = await history(runId, 'm0');
    expect(metrics).toHaveLength(10);
    expect(metrics.find((m) => m.key === 'm9')).toMatchObject({ value: 0.999, step: 999 });
  });

  it('refuses 1001 points with BAD_USER_INPUT, writing none', async () => {
    const runId = await newRun();
    const points = Array.from({ length: 1001 }, (_, i) => ({ key: 'm', value: i }));
    const result = await registry.call(owner, LOG_METRICS, { runId, metrics: points });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'metrics' }]);
    expect(result.errors![0].message).toBe('At most 1000 metric points can be logged at once; got 1001');
    expect(await pointCount(runId)).toBe(0);
  });

  it.each([
    ['1e999', 'Infinity'],
    ['-1e999', '-Infinity'],
  ])(
    'refuses %s written in the query (it reaches the resolver as %s), naming the index',
    async (literal, shown) => {
      const runId = await newRun();
      const result = await registry.call(
        owner,
        `mutation ($runId: ID!) { logMetrics(runId: $runId, metrics: [
        { key: "ok", value: 1 }, { key: "bad", value: ${literal} }]) { id } }`,
        { runId },
      );
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'metrics[1].value' }]);
      expect(result.errors![0].message).toBe(`metrics[1].value must be a finite number; got ${shown}`);
      expect(await pointCount(runId)).toBe(0);
    },
  );

  it('refuses 1e999 in JSON variables before the resolver: GraphQL Float rejects it, with the path', async () => {
    const runId = await newRun();
    // JSON.stringify would turn Infinity into null; a client can still send the text 1e999.
    const body = `{"query": ${JSON.stringify(LOG_METRICS)},
      "variables": {"runId": "${runId}", "metrics": [{"key": "ok", "value": 1}, {"key": "bad", "value": 1e999}]}}`;
    const response = await fetch(registry.subgraph.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...signCaller(TEST_INTERNAL_SECRET, owner, {
          audience: 'registry',
          request: graphqlRequestBinding(LOG_METRICS, (JSON.parse(body) as { variables: unknown }).variables),
        }),
      },
      body,
    });
    const result = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(result.errors.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors[0].message).toContain(
      'at "metrics[1].value"; Float cannot represent non numeric value',
    );
    expect(await pointCount(runId)).toBe(0);
  });

  it.each([
    ['an empty key', { key: '', value: 1 }, 'metrics[1].key'],
    ['a key over 250 characters', { key: 'k'.repeat(251), value: 1 }, 'metrics[1].key'],
    ['a key with a forbidden character', { key: 'acc@top1', value: 1 }, 'metrics[1].key'],
  ])('refuses a point with %s, naming the index, writing none', async (_label, point, field) => {
    const runId = await newRun();
    const result = await registry.call(owner, LOG_METRICS, {
      runId,
      metrics: [{ key: 'ok', value: 1 }, point],
    });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await pointCount(runId)).toBe(0);
  });

  it('accepts an empty batch as a no-op', async () => {
    const runId = await newRun();
    expect((await logMetrics(registry, owner, runId, [])).metrics).toEqual([]);
  });

  it('refuses points for a finished run with CONFLICT and for an unknown run with NOT_FOUND', async () => {
    const runId = await newRun();
    await finishRun(registry, owner, runId);
    const finished = await registry.call(owner, LOG_METRICS, { runId, metrics: [{ key: 'late', value: 1 }] });
    expect(errorsOf(finished)).toEqual([{ code: 'CONFLICT' }]);
    expect(await pointCount(runId)).toBe(0);
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const unknown = await registry.call(owner, LOG_METRICS, {
        runId: id,
        metrics: [{ key: 'a', value: 1 }],
      });
      expect(errorsOf(unknown)).toEqual([{ code: 'NOT_FOUND' }]);
    }
  });

  it('waits for the run while another transaction finishes it, then refuses with CONFLICT', async () => {
    const runId = await newRun();
    // Another writer holds the run's row, as finishRun does, and finishes the run in its transaction.
    const other = new Client({ connectionString: registry.config.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from registry.runs where id = $1 for update', [runId]);
      const logging = registry.call(owner, LOG_METRICS, { runId, metrics: [{ key: 'late', value: 1 }] });
      await waitForLockWaiter(other);
      await other.query(`update registry.runs set status = 'FINISHED', finished_at = now() where id = $1`, [
        runId,
      ]);
      await other.query('commit');
      expect(errorsOf(await logging)).toEqual([{ code: 'CONFLICT' }]);
    } finally {
      await other.end();
    }
    expect(await pointCount(runId)).toBe(0);
  });

  it('lets a VIEWER read metrics but not log them; refuses anonymous callers', async () => {
    const runId = await newRun();
    await logMetrics(registry, owner, runId, [{ key: 'a', value: 1 }]);
    const viewer = member('VIEWER', owner.organizationId);
    const variables = { runId, metrics: [{ key: 'b', value: 2 }] };
    expect(errorsOf(await registry.call(viewer, LOG_METRICS, variables))).toEqual([{ code: 'FORBIDDEN' }]);
    expect(errorsOf(await registry.call(anonymousCaller, LOG_METRICS, variables))).toEqual([
      { code: 'UNAUTHENTICATED' },
    ]);
    const read = await expectData<{ run: { metrics: MetricPointView[] } }>(registry, viewer, HISTORY, {
      id: runId,
      key: 'a',
    });
    expect(read.run.metrics.map((m) => m.key)).toEqual(['a']);
  });
});

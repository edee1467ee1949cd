import {
  createExperiment,
  createRun,
  expectData,
  logMetrics,
  member,
  sqlStatements,
  useRegistry,
} from '../../../../test/support/harness/tracking';

const RUNS = `query ($id: ID!, $first: Int, $filter: String, $orderBy: String) { experiment(id: $id) {
  runs(first: $first, filter: $filter, orderBy: $orderBy) { totalCount edges { node {
    id status params metrics { key value step } experiment { name tags } } } } } }`;

describe('registry experiments and runs: lists and references are resolved in batches', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  let experimentId: string;
  const runIds: string[] = [];
  const experimentIds: string[] = [];

  beforeAll(async () => {
    experimentId = (await createExperiment(registry, owner, { name: 'batched', tags: ['t'] })).id;
    experimentIds.push(experimentId);
    for (let i = 0; i < 50; i++) {
      const run = await createRun(registry, owner, experimentId, { algorithm: 'mlp', seed: i, fold: i % 5 });
      runIds.push(run.id);
      await logMetrics(
        registry,
        owner,
        run.id,
        ['accuracy', 'loss', 'f1', 'precision', 'recall'].flatMap((key) => [
          { key, value: i / 100, step: 0 },
          { key, value: i / 50, step: 1 },
        ]),
      );
    }
    for (let i = 0; i < 49; i++) {
      experimentIds.push(
        (await createExperiment(registry, owner, { name: `more-${i}`, tags: ['a', `b${i}`] })).id,
      );
    }
  });

  /** The SQL statements that one call costs. */
  const cost = async (query: string, variables: Record<string, unknown> = {}) => {
    registry.queries.splice(0);
    const data = await expectData<Record<string, unknown>>(registry, owner, query, variables);
    return { data, sql: sqlStatements(registry.queries) };
  };

  it('lists 50 runs with params, latest metrics, experiment and total in 6 SQL queries', async () => {
    const { data, sql } = await cost(RUNS, { id: experimentId, first: 50 });
    const runs = (
      data.experiment as { runs: { totalCount: number; edges: { node: { metrics: unknown[] } }[] } }
    ).runs;
    expect(runs.totalCount).toBe(50);
    expect(runs.edges).toHaveLength(50);
    expect(runs.edges.every((e) => e.node.metrics.length === 5)).toBe(true);
    // experiment, page of runs, count, params, latest metrics, the experiment's tags
    expect(sql).toHaveLength(6);
  });

  it('costs the same for 5 runs as for 50, and for a filtered, ordered search', async () => {
    expect((await cost(RUNS, { id: experimentId, first: 5 })).sql).toHaveLength(6);
    const searched = await cost(RUNS, {
      id: experimentId,
      first: 50,
      filter: "metrics.accuracy > 0.2 and params.algorithm = 'mlp'",
      orderBy: 'metrics.loss DESC',
    });
    expect(searched.sql).toHaveLength(6);
  });

  it('reads the history of a metric for 50 runs in one more query', async () => {
    const { sql } = await cost(
      `query ($id: ID!) { experiment(id: $id) { runs(first: 50) { edges { node {
        id metricHistory(key: "loss") { step value } other: metricHistory(key: "f1") { step } } } } } }`,
      { id: experimentId },
    );
    // experiment, page of runs, histories
    expect(sql).toHaveLength(3);
  });

  it('resolves 50 Run references with params and metrics in 3 queries', async () => {
    const { data, sql } = await cost(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Run { id params metrics { key } } } }`,
      { r: runIds.map((id) => ({ __typename: 'Run', id })) },
    );
    expect((data._entities as { id: string }[]).map((r) => r.id)).toEqual(runIds);
    expect(sql).toHaveLength(3);
  });

  it('resolves 50 Experiment references with their tags in 2 queries', async () => {
    const { data, sql } = await cost(
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Experiment { id name tags } } }`,
      { r: experimentIds.map((id) => ({ __typename: 'Experiment', id })) },
    );
    expect((data._entities as { id: string }[]).map((e) => e.id)).toEqual(experimentIds);
    expect(sql).toHaveLength(2);
  });

  it('lists 50 experiments with tags and the total in 3 queries', async () => {
    const { sql } = await cost(`{ experiments(first: 50) { totalCount edges { node { id tags } } } }`);
    expect(sql).toHaveLength(3);
  });
});

import { Run } from '../run.entity';
import {
  createExperiment,
  createRun,
  errorsOf,
  expectData,
  finishRun,
  logMetrics,
  member,
  useRegistry,
} from '../../../../test/support/harness/tracking';
import { readAllPages } from '../../../../test/support/harness/pages';

const SEARCH = `query ($id: ID!, $filter: String, $orderBy: String, $first: Int, $after: String) {
  experiment(id: $id) { runs(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount edges { cursor node { id params } } pageInfo { hasNextPage endCursor } } } }`;

interface RunPage {
  totalCount: number;
  edges: { cursor: string; node: { id: string; params: { label?: string } } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

type Label = 'r1' | 'r2' | 'r3' | 'r4' | 'r5' | 'r6';

/**
 * Six runs of one experiment (plus decoys in another experiment and another organization):
 *
 *   run  params                                      latest metrics (history)       status    started / finished
 *   r1   mlp, epochs 10, lr 0.01                     accuracy 0.85 (0.99 at step 0)  FINISHED  Jan 1 / Feb 1
 *   r2   mlp, epochs "5", lr 0.1                     accuracy 0.92, loss 0.3         RUNNING   Jan 2
 *   r3   logreg, epochs 50                           accuracy 0.97                   FAILED    Jan 3 / Feb 3
 *   r4   "x' or 1=1 --"                              —                               RUNNING   Jan 4
 *   r5   —                                           loss 0.1                        KILLED    Jan 5 / Feb 5
 *   r6   mlp, epochs 10                              accuracy 0.92                   RUNNING   Jan 6
 */
describe.each(['postgresql', 'sqlite'] as const)('registry run search on %s', (dialect) => {
  const registry = useRegistry({ dialect });
  const owner = member('OWNER');
  let experimentId: string;
  const ids = {} as Record<Label, string>;
  const labelOf = new Map<string, Label>();

  beforeAll(async () => {
    experimentId = (await createExperiment(registry, owner, { name: 'search' })).id;
    const seed: [Label, Record<string, unknown>, Record<string, unknown>[], string | null][] = [
      [
        'r1',
        { algorithm: 'mlp', epochs: 10, lr: 0.01 },
        [
          { key: 'accuracy', value: 0.99, step: 0 },
          { key: 'accuracy', value: 0.85, step: 1 },
        ],
        'FINISHED',
      ],
      [
        'r2',
        { algorithm: 'mlp', epochs: '5', lr: 0.1 },
        [
          { key: 'accuracy', value: 0.92 },
          { key: 'loss', value: 0.3 },
        ],
        null,
      ],
      ['r3', { algorithm: 'logreg', epochs: 50 }, [{ key: 'accuracy', value: 0.97 }], 'FAILED'],
      ['r4', { algorithm: "x' or 1=1 --" }, [], null],
      ['r5', {}, [{ key: 'loss', value: 0.1 }], 'KILLED'],
      ['r6', { algorithm: 'mlp', epochs: 10 }, [{ key: 'accuracy', value: 0.92 }], null],
    ];
    const em = registry.subgraph.orm.em.fork();
    for (const [i, [label, params, metrics, status]] of seed.entries()) {
      const run = await createRun(registry, owner, experimentId, { ...params, label });
      ids[label] = run.id;
      labelOf.set(run.id, label);
      if (metrics.length) await logMetrics(registry, owner, run.id, metrics);
      if (status) await finishRun(registry, owner, run.id, status);
      // Distinct, known times, so that ordering by them is fully determined.
      await em.nativeUpdate(
        Run,
        { id: run.id },
        {
          startedAt: new Date(Date.UTC(2026, 0, i + 1)),
          ...(status ? { finishedAt: new Date(Date.UTC(2026, 1, i + 1)) } : {}),
        },
        { filters: false },
      );
    }
    // Decoys that match every filter above: another experiment of the organization, another organization.
    const other = await createExperiment(registry, owner, { name: 'other' });
    const decoy = await createRun(registry, owner, other.id, {
      algorithm: 'mlp',
      epochs: 10,
      label: 'decoy',
    });
    await logMetrics(registry, owner, decoy.id, [{ key: 'accuracy', value: 0.99 }]);
    const stranger = member('OWNER');
    const strangerExperiment = await createExperiment(registry, stranger, { name: 'search' });
    const strangerRun = await createRun(registry, stranger, strangerExperiment.id, { algorithm: 'mlp' });
    await logMetrics(registry, stranger, strangerRun.id, [{ key: 'accuracy', value: 0.99 }]);
  });

  const search = async (variables: Record<string, unknown>) =>
    (
      await expectData<{ experiment: { runs: RunPage } }>(registry, owner, SEARCH, {
        id: experimentId,
        ...variables,
      })
    ).experiment.runs;
  const labels = (page: RunPage) => page.edges.map((e) => labelOf.get(e.node.id) ?? e.node.params.label);
  /** Labels in the id order that breaks ties. */
  const byId = (direction: 'ASC' | 'DESC', ...tied: Label[]) =>
    [...tied].sort((a, b) => (ids[a] < ids[b] ? -1 : 1) * (direction === 'ASC' ? 1 : -1));

  it.each([
    ["metrics.accuracy > 0.9 and params.algorithm = 'mlp'", ['r2', 'r6']],
    ['metrics.accuracy > 0.9', ['r2', 'r3', 'r6']],
    ['metrics.accuracy >= 0.85 or metrics.loss < 0.2', ['r1', 'r2', 'r3', 'r5', 'r6']],
    [
      "(params.algorithm = 'mlp' or params.algorithm = 'logreg') and metrics.accuracy > 0.9",
      ['r2', 'r3', 'r6'],
    ],
    [
      "params.algorithm = 'mlp' or params.algorithm = 'logreg' and metrics.accuracy > 0.9",
      ['r1', 'r2', 'r3', 'r6'],
    ],
    ['metrics.accuracy != 0.92', ['r1', 'r3']],
    ['metrics.accuracy = 0.99', []],
    ['params.epochs > 8', ['r1', 'r3', 'r6']],
    ['params.epochs = 5', ['r2']],
    ["params.epochs = '10'", ['r1', 'r6']],
    ['params.lr != 0.01', ['r2']],
    ["params.algorithm = 'MLP'", []],
    ["params.missing = 'x'", []],
    ["attributes.status = 'RUNNING'", ['r2', 'r4', 'r6']],
    ["attributes.status != 'running'", ['r1', 'r3', 'r5']],
    ['attributes.end_time > 0', ['r1', 'r3', 'r5']],
    [
      "attributes.start_time >= '2026-01-03T00:00:00Z' and attributes.start_time < '2026-01-05'",
      ['r3', 'r4'],
    ],
  ])('filters %s', async (filter, expected) => {
    const page = await search({ filter });
    expect(labels(page).sort()).toEqual(expected);
    expect(page.totalCount).toBe(expected.length);
  });

  it('matches an injection attempt in a literal as plain text', async () => {
    const injected = await search({ filter: "params.algorithm = 'x'' or 1=1 --'" });
    expect(labels(injected)).toEqual(['r4']);
    for (const filter of [
      "params.algorithm = 'mlp'' or ''1''=''1'",
      "params.algorithm = 'mlp''; drop table runs; --'",
      'params.`algorithm = 1 or 1` = 1',
    ]) {
      const page = await search({ filter });
      expect(labels(page)).toEqual([]);
      expect(page.totalCount).toBe(0);
    }
    expect((await search({})).totalCount).toBe(6);
  });

  it.each<[string, () => (Label | undefined)[]]>([
    ['', () => ['r6', 'r5', 'r4', 'r3', 'r2', 'r1']],
    ['attributes.start_time', () => ['r1', 'r2', 'r3', 'r4', 'r5', 'r6']],
    ['attributes.end_time DESC', () => ['r5', 'r3', 'r1', ...byId('DESC', 'r2', 'r4', 'r6')]],
    ['attributes.status', () => ['r3', 'r1', 'r5', ...byId('ASC', 'r2', 'r4', 'r6')]],
    ['metrics.accuracy DESC', () => ['r3', ...byId('DESC', 'r2', 'r6'), 'r1', ...byId('DESC', 'r4', 'r5')]],
    ['metrics.accuracy ASC', () => ['r1', ...byId('ASC', 'r2', 'r6'), 'r3', ...byId('ASC', 'r4', 'r5')]],
    ['metrics.loss', () => ['r5', 'r2', ...byId('ASC', 'r1', 'r3', 'r4', 'r6')]],
    ['params.epochs', () => ['r2', ...byId('ASC', 'r1', 'r6'), 'r3', ...byId('ASC', 'r4', 'r5')]],
    ['params.epochs DESC', () => ['r3', ...byId('DESC', 'r1', 'r6'), 'r2', ...byId('DESC', 'r4', 'r5')]],
    ['params.algorithm', () => ['r3', ...byId('ASC', 'r1', 'r2', 'r6'), 'r4', 'r5']],
  ])('orders by %s (nulls last), the same read 2 at a time as all at once', async (orderBy, expected) => {
    const all = await search({ orderBy, first: 100 });
    expect(labels(all)).toEqual(expected());
    const pages = await readAllPages((after) => search({ orderBy, first: 2, after }));
    expect(pages.flatMap(labels)).toEqual(expected());
    expect(pages.every((p) => p.totalCount === 6)).toBe(true);
  });

  it('pages a filtered, ordered search', async () => {
    const filter = "params.algorithm = 'mlp'";
    const first = await search({ filter, orderBy: 'metrics.accuracy DESC', first: 2 });
    expect(first.totalCount).toBe(3);
    const rest = await search({
      filter,
      orderBy: 'metrics.accuracy DESC',
      first: 2,
      after: first.pageInfo.endCursor,
    });
    expect([...labels(first), ...labels(rest)]).toEqual([...byId('DESC', 'r2', 'r6'), 'r1']);
    expect(rest.pageInfo.hasNextPage).toBe(false);
  });

  it('answers a bad filter with BAD_USER_INPUT pointing at the token', async () => {
    const result = await registry.call(owner, SEARCH, {
      id: experimentId,
      filter: "metrics.accuracy > 0.9 and x params.algorithm = 'mlp'",
    });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]).toMatchObject({
      message: "Unexpected token 'x' at position 27: expected a comparison such as metrics.accuracy > 0.9",
      path: ['experiment', 'runs'],
      extensions: { code: 'BAD_USER_INPUT', field: 'filter', position: 27, token: 'x' },
    });
  });

  it('answers a bad orderBy, and a cursor of another order, with BAD_USER_INPUT', async () => {
    const badOrder = await registry.call(owner, SEARCH, {
      id: experimentId,
      orderBy: 'metrics.accuracy sideways',
    });
    expect(badOrder.errors![0].extensions).toMatchObject({
      field: 'orderBy',
      position: 17,
      token: 'sideways',
    });
    const page = await search({ orderBy: 'metrics.accuracy DESC', first: 1 });
    for (const orderBy of ['metrics.accuracy ASC', 'metrics.loss DESC', 'params.accuracy DESC', '']) {
      const result = await registry.call(owner, SEARCH, {
        id: experimentId,
        orderBy,
        after: page.pageInfo.endCursor,
      });
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'after' }]);
    }
  });
});

import type { EntityName } from '@mikro-orm/core';
import type { EntityManager } from '../../../../lib/database';
import { scopedEntityManager } from '../../../../lib/organization-scope';
import { Experiment, ExperimentTag } from '../../experiment/experiment.entity';
import { MetricPoint, RunLatestMetric } from '../metric.entity';
import { MetricRepository } from '../metric.repository';
import { Run, RunParam } from '../run.entity';
import { RunRepository } from '../run.repository';
import { parseFilter } from '../search/parser';
import { DEFAULT_RUN_ORDER, planOrder } from '../search/run-query';
import {
  CREATE_RUN,
  createExperiment,
  createRun,
  errorsOf,
  expectData,
  FINISH_RUN,
  GET_RUN,
  LOG_METRICS,
  LOG_PARAMS,
  logMetrics,
  member,
  useRegistry,
  type RunView,
} from '../../../../test/support/harness/tracking';

describe('registry experiments and runs: an organization never sees or changes another’s', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const alice = member('OWNER');
  const mallory = member('OWNER');
  let aliceExperimentId: string;
  let aliceRun: RunView;

  beforeAll(async () => {
    aliceExperimentId = (await createExperiment(registry, alice, { name: 'secret', tags: ['secret'] })).id;
    aliceRun = await createRun(registry, alice, aliceExperimentId, { algorithm: 'secret' });
    await logMetrics(registry, alice, aliceRun.id, [{ key: 'accuracy', value: 0.99 }]);
  });

  const aliceRunUnchanged = async () => {
    const read = await expectData<{ run: RunView }>(registry, alice, GET_RUN, { id: aliceRun.id });
    expect(read.run).toMatchObject({
      status: 'RUNNING',
      params: { algorithm: 'secret' },
      metrics: [{ key: 'accuracy', value: 0.99 }],
    });
  };

  it('answers NOT_FOUND for another organization’s experiment and run, and null by name', async () => {
    const experiment = await registry.call(mallory, `query ($id: ID!) { experiment(id: $id) { id } }`, {
      id: aliceExperimentId,
    });
    expect(errorsOf(experiment)).toEqual([{ code: 'NOT_FOUND' }]);
    expect(errorsOf(await registry.call(mallory, GET_RUN, { id: aliceRun.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    const byName = await registry.call(mallory, `{ experimentByName(name: "secret") { id } }`);
    expect(byName).toMatchObject({ data: { experimentByName: null } });
  });

  it('never lists or counts them', async () => {
    await createExperiment(registry, mallory, { name: 'mine' });
    const data = await expectData<{ experiments: { totalCount: number; edges: { node: { id: string } }[] } }>(
      registry,
      mallory,
      `{ experiments { totalCount edges { node { id } } } }`,
    );
    expect(data.experiments.edges.map((e) => e.node.id)).not.toContain(aliceExperimentId);
    expect(data.experiments.totalCount).toBe(data.experiments.edges.length);
  });

  it('refuses every write to them with NOT_FOUND, changing nothing', async () => {
    const writes: [string, Record<string, unknown>][] = [
      [CREATE_RUN, { experimentId: aliceExperimentId, params: { x: 1 } }],
      [LOG_PARAMS, { runId: aliceRun.id, params: { stolen: true } }],
      [LOG_METRICS, { runId: aliceRun.id, metrics: [{ key: 'accuracy', value: 0, step: 99 }] }],
      [FINISH_RUN, { runId: aliceRun.id, status: 'KILLED' }],
    ];
    for (const [query, variables] of writes) {
      expect(errorsOf(await registry.call(mallory, query, variables))).toEqual([{ code: 'NOT_FOUND' }]);
    }
    await aliceRunUnchanged();
    const runs = await expectData<{ experiment: { runs: { totalCount: number } } }>(
      registry,
      alice,
      `query ($id: ID!) { experiment(id: $id) { runs { totalCount } } }`,
      { id: aliceExperimentId },
    );
    expect(runs.experiment.runs.totalCount).toBe(1);
  });

  it('resolves their references to null through _entities, next to the caller’s own', async () => {
    const own = await createExperiment(registry, mallory, { name: 'own' });
    const ownRun = await createRun(registry, mallory, own.id);
    const result = await expectData<{ _entities: unknown[] }>(
      registry,
      mallory,
      `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Experiment { id tags } ... on Run { id params metrics { key } } } }`,
      {
        r: [
          { __typename: 'Experiment', id: aliceExperimentId },
          { __typename: 'Run', id: aliceRun.id },
          { __typename: 'Experiment', id: own.id },
          { __typename: 'Run', id: ownRun.id },
        ],
      },
    );
    expect(result._entities).toEqual([
      null,
      null,
      { id: own.id, tags: [] },
      { id: ownRun.id, params: {}, metrics: [] },
    ]);
  });

  describe('in the data layer', () => {
    let em: EntityManager;
    beforeAll(() => {
      em = scopedEntityManager(registry.subgraph.orm, mallory);
    });

    it('finds no run, param, metric or history of theirs, even when asked by id', async () => {
      const runs = new RunRepository(em, mallory.organizationId);
      expect(await runs.findByIds([aliceRun.id])).toEqual([]);
      expect(await runs.paramsOf([aliceRun.id])).toEqual([]);
      const metrics = new MetricRepository(em);
      expect(await metrics.latestOf([aliceRun.id])).toEqual([]);
      expect(await metrics.historyOf([aliceRun.id], ['accuracy'])).toEqual([]);
    });

    it('searches none of their runs, whatever the filter', async () => {
      const runs = new RunRepository(em, mallory.organizationId);
      const plan = planOrder(DEFAULT_RUN_ORDER);
      for (const filter of [
        null,
        parseFilter('metrics.accuracy > 0'),
        parseFilter("params.algorithm = 'secret'"),
      ]) {
        expect(await runs.search(aliceExperimentId, filter, plan, 10)).toEqual([]);
        expect(await runs.count(aliceExperimentId, filter)).toBe(0);
      }
    });

    it.each<[string, EntityName<object>]>([
      ['Experiment', Experiment],
      ['ExperimentTag', ExperimentTag],
      ['Run', Run],
      ['RunParam', RunParam],
      ['MetricPoint', MetricPoint],
      ['RunLatestMetric', RunLatestMetric],
    ])(
      'refuses to read %s without an organization (the filter needs its parameter)',
      async (_name, entity) => {
        await expect(registry.subgraph.orm.em.fork().find(entity, {})).rejects.toThrow(/organization/);
      },
    );
  });
});

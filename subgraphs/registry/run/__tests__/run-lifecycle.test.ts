import { anonymousCaller } from '../../../../lib/caller';
import {
  CREATE_RUN,
  createExperiment,
  createRun,
  errorsOf,
  expectData,
  FINISH_RUN,
  finishRun,
  GET_RUN,
  LOG_PARAMS,
  member,
  useRegistry,
  type RunView,
} from '../../../../test/support/harness/tracking';

describe('registry runs: create, params, finish', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  let experimentId: string;

  beforeAll(async () => {
    experimentId = (await createExperiment(registry, owner, { name: 'runs' })).id;
  });

  const rowCount = async (table: string, organizationId = owner.organizationId) => {
    const rows: { n: string }[] = await registry.subgraph.orm.em
      .getConnection()
      .execute(`select count(*) as n from registry.${table} where organization_id = ?`, [organizationId]);
    return Number(rows[0].n);
  };

  it('starts a RUNNING run in the experiment, with its params as logged', async () => {
    const before = Date.now();
    const run = await createRun(registry, owner, experimentId, {
      algorithm: 'mlp',
      learning_rate: 0.001,
      epochs: 20,
      shuffle: true,
      'optimizer/name': 'adam',
    });
    expect(run).toMatchObject({
      status: 'RUNNING',
      finishedAt: null,
      experiment: { id: experimentId },
      metrics: [],
      params: { algorithm: 'mlp', learning_rate: 0.001, epochs: 20, shuffle: true, 'optimizer/name': 'adam' },
    });
    expect(Object.keys(run.params)).toEqual([
      'algorithm',
      'epochs',
      'learning_rate',
      'optimizer/name',
      'shuffle',
    ]);
    expect(new Date(run.startedAt).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const read = await expectData<{ run: RunView }>(registry, owner, GET_RUN, { id: run.id });
    expect(read.run).toEqual(run);
  });

  it('starts a run without params', async () => {
    expect((await createRun(registry, owner, experimentId)).params).toEqual({});
    expect((await createRun(registry, owner, experimentId, {})).params).toEqual({});
  });

  it('answers NOT_FOUND for a run in an unknown experiment, and for an unknown run', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
      expect(errorsOf(await registry.call(owner, CREATE_RUN, { experimentId: id }))).toEqual([
        { code: 'NOT_FOUND' },
      ]);
      expect(errorsOf(await registry.call(owner, GET_RUN, { id }))).toEqual([{ code: 'NOT_FOUND' }]);
    }
  });

  const tooMany = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, i]));
  it.each([
    ['an array', [1, 2]],
    ['a string', 'lr=0.1'],
    ['a nested object', { optimizer: { name: 'adam' } }],
    ['a list value', { layers: [64, 32] }],
    ['a null value', { seed: null }],
    ['an empty key', { '': 1 }],
    ['a key over 250 characters', { ['k'.repeat(251)]: 1 }],
    ['a key with a forbidden character', { 'lr;drop': 1 }],
    ['a value over 500 characters', { note: 'n'.repeat(501) }],
    ['more than 100 params', tooMany],
  ])('refuses params that are %s, writing no run', async (_label, params) => {
    const runs = await rowCount('runs');
    const result = await registry.call(owner, CREATE_RUN, { experimentId, params });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'params' }]);
    expect(await rowCount('runs')).toBe(runs);
  });

  it('refuses an infinite number in a params literal (1e999 in the query text)', async () => {
    const result = await registry.call(
      owner,
      `mutation ($id: ID!) { createRun(experimentId: $id, params: { lr: 1e999 }) { id } }`,
      { id: experimentId },
    );
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'params' }]);
    expect(result.errors![0].message).toBe('Param "lr" must be a finite number');
  });

  it('accepts the limits: 100 params, 250-character keys, 500-character values', async () => {
    const params = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [`${i}`.padEnd(250, 'k'), 'v'.repeat(500)]),
    );
    const run = await createRun(registry, owner, experimentId, params);
    expect(Object.keys(run.params)).toHaveLength(100);
  });

  describe('logParams', () => {
    const logParams = (runId: string, params: unknown, caller = owner) =>
      registry.call<{ logParams: RunView }>(caller, LOG_PARAMS, { runId, params });

    it('adds new keys and accepts an already logged key with the same value', async () => {
      const run = await createRun(registry, owner, experimentId, { lr: 0.1, model: 'mlp' });
      const result = await logParams(run.id, { lr: 0.1, batch_size: 32 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.logParams.params).toEqual({ batch_size: 32, lr: 0.1, model: 'mlp' });
    });

    it('refuses to change a logged value with CONFLICT, and then adds none of the batch', async () => {
      const run = await createRun(registry, owner, experimentId, { lr: 0.1 });
      const result = await logParams(run.id, { seed: 7, lr: 0.2 });
      expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
      expect(result.errors![0].message).toBe(
        'Param "lr" is already logged as "0.1"; params are immutable once logged',
      );
      const read = await expectData<{ run: RunView }>(registry, owner, GET_RUN, { id: run.id });
      expect(read.run.params).toEqual({ lr: 0.1 });
    });

    it('compares a re-logged value as text, as MLflow does: 1.0 and "1" are 1, true and 2 are not', async () => {
      const run = await createRun(registry, owner, experimentId, { depth: 1 });
      expect(errorsOf(await logParams(run.id, { depth: 1.0 }))).toEqual([]);
      expect(errorsOf(await logParams(run.id, { depth: '1' }))).toEqual([]);
      expect(errorsOf(await logParams(run.id, { depth: true }))).toEqual([{ code: 'CONFLICT' }]);
      expect(errorsOf(await logParams(run.id, { depth: 2 }))).toEqual([{ code: 'CONFLICT' }]);
      const read = await expectData<{ run: RunView }>(registry, owner, GET_RUN, { id: run.id });
      expect(read.run.params).toEqual({ depth: 1 });
    });

    it('lets one of two concurrent writers of the same new key win; the other gets CONFLICT', async () => {
      const run = await createRun(registry, owner, experimentId);
      const results = await Promise.all([logParams(run.id, { seed: 1 }), logParams(run.id, { seed: 2 })]);
      expect(results.map(errorsOf).sort((a, b) => a.length - b.length)).toEqual([[], [{ code: 'CONFLICT' }]]);
    });

    it('refuses bad params with BAD_USER_INPUT, a finished run with CONFLICT, an unknown run with NOT_FOUND', async () => {
      const run = await createRun(registry, owner, experimentId);
      expect(errorsOf(await logParams(run.id, { bad: { nested: 1 } }))).toEqual([
        { code: 'BAD_USER_INPUT', field: 'params' },
      ]);
      await finishRun(registry, owner, run.id);
      expect(errorsOf(await logParams(run.id, { late: 1 }))).toEqual([{ code: 'CONFLICT' }]);
      expect(errorsOf(await logParams('00000000-0000-4000-8000-000000000000', { a: 1 }))).toEqual([
        { code: 'NOT_FOUND' },
      ]);
    });
  });

  describe('finishRun', () => {
    it.each(['FINISHED', 'FAILED', 'KILLED'])(
      'ends a RUNNING run as %s and sets finishedAt',
      async (status) => {
        const run = await createRun(registry, owner, experimentId);
        const finished = await finishRun(registry, owner, run.id, status);
        expect(finished.status).toBe(status);
        expect(new Date(finished.finishedAt!).getTime()).toBeGreaterThanOrEqual(
          new Date(run.startedAt).getTime(),
        );
        const read = await expectData<{ run: RunView }>(registry, owner, GET_RUN, { id: run.id });
        expect(read.run).toMatchObject({ status, finishedAt: finished.finishedAt });
      },
    );

    it('refuses to finish a run twice with CONFLICT, keeping the first status and time', async () => {
      const run = await createRun(registry, owner, experimentId);
      const first = await finishRun(registry, owner, run.id, 'FAILED');
      const again = await registry.call(owner, FINISH_RUN, { runId: run.id, status: 'FINISHED' });
      expect(errorsOf(again)).toEqual([{ code: 'CONFLICT' }]);
      expect(again.errors![0].message).toBe(`Run ${run.id} is FAILED; only a RUNNING run can change`);
      const read = await expectData<{ run: RunView }>(registry, owner, GET_RUN, { id: run.id });
      expect(read.run).toMatchObject({ status: 'FAILED', finishedAt: first.finishedAt });
    });

    it('lets one of several concurrent finishes win', async () => {
      const run = await createRun(registry, owner, experimentId);
      const results = await Promise.all(
        ['FINISHED', 'FAILED', 'KILLED'].map((status) =>
          registry.call(owner, FINISH_RUN, { runId: run.id, status }),
        ),
      );
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
    });

    it('refuses RUNNING as a final status, and an unknown status', async () => {
      const run = await createRun(registry, owner, experimentId);
      expect(errorsOf(await registry.call(owner, FINISH_RUN, { runId: run.id, status: 'RUNNING' }))).toEqual([
        { code: 'BAD_USER_INPUT', field: 'status' },
      ]);
      const unknown = await registry.call(owner, FINISH_RUN, { runId: run.id, status: 'DONE' });
      expect(errorsOf(unknown)).toEqual([{ code: 'BAD_USER_INPUT' }]);
    });
  });

  it('lets a VIEWER read runs but not create, log or finish them; refuses anonymous callers', async () => {
    const viewer = member('VIEWER', owner.organizationId);
    const run = await createRun(registry, owner, experimentId, { a: 1 });
    await expect(expectData(registry, viewer, GET_RUN, { id: run.id })).resolves.toBeDefined();
    const writes: [string, Record<string, unknown>][] = [
      [CREATE_RUN, { experimentId }],
      [LOG_PARAMS, { runId: run.id, params: { b: 2 } }],
      [FINISH_RUN, { runId: run.id, status: 'KILLED' }],
    ];
    for (const [query, variables] of writes) {
      expect(errorsOf(await registry.call(viewer, query, variables))).toEqual([{ code: 'FORBIDDEN' }]);
      expect(errorsOf(await registry.call(anonymousCaller, query, variables))).toEqual([
        { code: 'UNAUTHENTICATED' },
      ]);
    }
    expect(errorsOf(await registry.call(anonymousCaller, GET_RUN, { id: run.id }))).toEqual([
      { code: 'UNAUTHENTICATED' },
    ]);
    const read = await expectData<{ run: RunView }>(registry, owner, GET_RUN, { id: run.id });
    expect(read.run).toMatchObject({ status: 'RUNNING', params: { a: 1 } });
  });
});

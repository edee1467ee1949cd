import { anonymousCaller } from '../../../../lib/caller';
import {
  CREATE_EXPERIMENT,
  createExperiment,
  errorsOf,
  expectData,
  EXPERIMENT_FIELDS,
  member,
  useRegistry,
  type ExperimentView,
} from '../../../../test/support/harness/tracking';
import { readAllPages } from '../../../../test/support/harness/pages';

const GET = `query ($id: ID!) { experiment(id: $id) { ${EXPERIMENT_FIELDS} } }`;
const BY_NAME = `query ($name: String!) { experimentByName(name: $name) { id name } }`;
const LIST = `query ($first: Int, $after: String) { experiments(first: $first, after: $after) {
  totalCount edges { cursor node { id name createdAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: Pick<ExperimentView, 'id' | 'name' | 'createdAt'> }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string; endCursor: string };
}

describe('registry experiments: create, read, list', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');

  const countExperiments = async (caller = owner) =>
    (await expectData<{ experiments: Page }>(registry, caller, `{ experiments { totalCount } }`)).experiments
      .totalCount;

  it('creates an experiment with a trimmed name and sorted, distinct tags', async () => {
    const experiment = await createExperiment(registry, owner, {
      name: '  churn tuning  ',
      description: ' Hyperparameter search ',
      tags: ['tabular', 'baseline', 'tabular', ' q3 '],
    });
    expect(experiment).toMatchObject({
      name: 'churn tuning',
      description: 'Hyperparameter search',
      tags: ['baseline', 'q3', 'tabular'],
    });
    expect(new Date(experiment.createdAt).toISOString()).toBe(experiment.createdAt);
  });

  it('reads an experiment by id and by name', async () => {
    const created = await createExperiment(registry, owner, { name: 'reader', tags: ['x'] });
    const byId = await expectData<{ experiment: ExperimentView }>(registry, owner, GET, { id: created.id });
    expect(byId.experiment).toEqual(created);
    const byName = await expectData<{ experimentByName: unknown }>(registry, owner, BY_NAME, {
      name: ' reader ',
    });
    expect(byName.experimentByName).toEqual({ id: created.id, name: 'reader' });
  });

  it('answers NOT_FOUND for an unknown or malformed id, and null for an unknown name', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await registry.call(owner, GET, { id });
      expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    }
    const byName = await registry.call(owner, BY_NAME, { name: 'no such experiment' });
    expect(byName).toMatchObject({ data: { experimentByName: null } });
    expect(byName.errors).toBeUndefined();
    // A NUL cannot be in a stored name (PostgreSQL text): refused as input, not a failed query.
    const withNul = await registry.call(owner, BY_NAME, { name: 'nul\u0000in it' });
    expect(errorsOf(withNul)).toEqual([{ code: 'BAD_USER_INPUT', field: 'name' }]);
  });

  it('refuses a name taken in the organization with CONFLICT, and allows it in another one', async () => {
    await createExperiment(registry, owner, { name: 'taken' });
    const before = await countExperiments();
    const duplicate = await registry.call(owner, CREATE_EXPERIMENT, { input: { name: ' taken ' } });
    expect(errorsOf(duplicate)).toEqual([{ code: 'CONFLICT' }]);
    expect(duplicate.errors![0].message).toBe(
      'An experiment named "taken" already exists in this organization',
    );
    expect(await countExperiments()).toBe(before);
    await expect(createExperiment(registry, member('OWNER'), { name: 'taken' })).resolves.toBeDefined();
  });

  it('lets exactly one of several concurrent creates with the same name win', async () => {
    const racer = member('OWNER');
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        registry.call(racer, CREATE_EXPERIMENT, { input: { name: 'race', tags: ['a', 'b'] } }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorsOf)).toEqual(Array(4).fill([{ code: 'CONFLICT' }]));
    expect(await countExperiments(racer)).toBe(1);
    const tagRows: { n: string }[] = await registry.subgraph.orm.em
      .getConnection()
      .execute('select count(*) as n from registry.experiment_tags where organization_id = ?', [
        racer.organizationId,
      ]);
    expect(Number(tagRows[0].n)).toBe(2);
  });

  it.each([
    ['an empty name', { name: ' ' }, 'input.name'],
    ['a name over 100 characters', { name: 'e'.repeat(101) }, 'input.name'],
    ['a name with a slash', { name: 'team/exp' }, 'input.name'],
    [
      'a description over 2000 characters',
      { name: 'ok', description: 'd'.repeat(2001) },
      'input.description',
    ],
    ['more than 20 tags', { name: 'ok', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 'input.tags'],
    ['a tag over 50 characters', { name: 'ok', tags: ['t'.repeat(51)] }, 'input.tags'],
  ])('refuses %s with BAD_USER_INPUT on the field, writing nothing', async (_label, input, field) => {
    const before = await countExperiments();
    const result = await registry.call(owner, CREATE_EXPERIMENT, { input });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await countExperiments()).toBe(before);
  });

  it('names experiments in the tag limit message', async () => {
    const result = await registry.call(owner, CREATE_EXPERIMENT, {
      input: { name: 'many tags', tags: Array.from({ length: 21 }, (_, i) => `t${i}`) },
    });
    expect(result.errors![0].message).toBe('An experiment can have at most 20 tags');
  });

  it('lets a VIEWER read but not create; refuses anonymous callers', async () => {
    const viewer = member('VIEWER', owner.organizationId);
    const created = await createExperiment(registry, owner, { name: 'viewed' });
    expect(errorsOf(await registry.call(viewer, CREATE_EXPERIMENT, { input: { name: 'nope' } }))).toEqual([
      { code: 'FORBIDDEN' },
    ]);
    await expect(expectData(registry, viewer, GET, { id: created.id })).resolves.toBeDefined();
    for (const query of [GET, LIST, CREATE_EXPERIMENT]) {
      const result = await registry.call(anonymousCaller, query, { id: created.id, input: { name: 'anon' } });
      expect(errorsOf(result)).toEqual([{ code: 'UNAUTHENTICATED' }]);
    }
  });

  describe('listing', () => {
    const readAll = (caller: ReturnType<typeof member>, first: number) =>
      readAllPages(
        async (after) =>
          (await expectData<{ experiments: Page }>(registry, caller, LIST, { first, after })).experiments,
      );

    it('pages through 25 experiments 10 at a time, newest first, without duplicates or gaps', async () => {
      const lister = member('MEMBER');
      const created: ExperimentView[] = [];
      for (let i = 0; i < 25; i++)
        created.push(await createExperiment(registry, lister, { name: `exp-${i}` }));
      const pages = await readAll(lister, 10);
      expect(pages.map((p) => p.edges.length)).toEqual([10, 10, 5]);
      expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
      expect(pages.map((p) => p.pageInfo.hasPreviousPage)).toEqual([false, true, true]);
      const expected = [...created].sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
      );
      expect(pages.flatMap((p) => p.edges.map((e) => e.node.id))).toEqual(expected.map((e) => e.id));
    });

    it('keeps a stable order under equal timestamps, with the id as tie-breaker', async () => {
      const lister = member('MEMBER');
      for (let i = 0; i < 12; i++) await createExperiment(registry, lister, { name: `same-${i}` });
      await registry.subgraph.orm.em
        .getConnection()
        .execute(
          `update registry.experiments set created_at = '2026-01-01T00:00:00.5Z' where organization_id = ?`,
          [lister.organizationId],
        );
      const ids = (await readAll(lister, 5)).flatMap((p) => p.edges.map((e) => e.node.id));
      expect(ids).toEqual([...ids].sort().reverse());
      expect(new Set(ids).size).toBe(12);
    });

    it('refuses a cursor of another listing and a page size out of range', async () => {
      const modelCursor = Buffer.from(
        JSON.stringify(['NAME', 'x', '00000000-0000-4000-8000-000000000000']),
      ).toString('base64url');
      for (const after of [modelCursor, 'garbage']) {
        expect(errorsOf(await registry.call(owner, LIST, { after }))).toEqual([
          { code: 'BAD_USER_INPUT', field: 'after' },
        ]);
      }
      for (const first of [0, 101]) {
        expect(errorsOf(await registry.call(owner, LIST, { first }))).toEqual([
          { code: 'BAD_USER_INPUT', field: 'first' },
        ]);
      }
    });
  });
});

import {
  createModel,
  errorsOf,
  expectData,
  member,
  useRegistry,
  type ModelView,
} from '../../../../test/support/harness/registry';
import { readAllPages } from '../../../../test/support/harness/pages';

const LIST = `query ($filter: ModelFilter, $first: Int, $after: String, $orderBy: ModelOrder) {
  models(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount
    edges { cursor node { id name createdAt updatedAt } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  } }`;

interface Page {
  totalCount: number;
  edges: { cursor: string; node: Pick<ModelView, 'id' | 'name' | 'createdAt' | 'updatedAt'> }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

describe('registry models: listing with cursor pagination, filters and order', () => {
  const registry = useRegistry({ dialect: 'postgresql' });

  const list = async (caller: ReturnType<typeof member>, variables: Record<string, unknown>) =>
    (await expectData<{ models: Page }>(registry, caller, LIST, variables)).models;

  /** Every page of a listing, `first` at a time. */
  const readAll = (caller: ReturnType<typeof member>, variables: Record<string, unknown>) =>
    readAllPages((after) => list(caller, { ...variables, after }));

  /** Gives every model of the organization the same timestamps, so that only the id can order them. */
  const equalizeTimestamps = (organizationId: string) =>
    registry.subgraph.orm.em
      .getConnection()
      .execute(
        `update registry.models set created_at = '2026-01-01T00:00:00.123Z', updated_at = '2026-01-01T00:00:00.123Z' where organization_id = ?`,
        [organizationId],
      );

  it('pages through 25 models 10 at a time without duplicates or gaps, newest first by default', async () => {
    const owner = member('OWNER');
    const created: ModelView[] = [];
    for (let i = 0; i < 25; i++) created.push(await createModel(registry, owner, { name: `model-${i}` }));

    const pages = await readAll(owner, { first: 10 });
    expect(pages.map((p) => p.edges.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
    expect(pages.map((p) => [p.pageInfo.hasNextPage, p.pageInfo.hasPreviousPage])).toEqual([
      [true, false],
      [true, true],
      [false, true],
    ]);
    const seen = pages.flatMap((p) => p.edges.map((e) => e.node));
    expect(new Set(seen.map((m) => m.id)).size).toBe(25);
    const expected = [...created].sort((a, b) =>
      a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1,
    );
    expect(seen.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    expect(pages[0].pageInfo.startCursor).toBe(pages[0].edges[0].cursor);
    expect(pages[0].pageInfo.endCursor).toBe(pages[0].edges[9].cursor);
  });

  it.each(['CREATED_AT', 'UPDATED_AT'])(
    'keeps a stable order by %s under equal timestamps, with the id as tie-breaker, in both directions',
    async (field) => {
      const owner = member('OWNER');
      for (let i = 0; i < 25; i++) await createModel(registry, owner, { name: `same-time-${i}` });
      await equalizeTimestamps(owner.organizationId);
      for (const direction of ['ASC', 'DESC']) {
        const pages = await readAll(owner, { first: 10, orderBy: { field, direction } });
        const ids = pages.flatMap((p) => p.edges.map((e) => e.node.id));
        expect(ids).toHaveLength(25);
        const sorted = [...ids].sort();
        expect(ids).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
      }
    },
  );

  it('orders by name ascending and descending', async () => {
    const owner = member('OWNER');
    for (const name of ['delta', 'alpha', 'charlie', 'bravo', 'echo'])
      await createModel(registry, owner, { name });
    const ascending = await readAll(owner, { first: 2, orderBy: { field: 'NAME', direction: 'ASC' } });
    expect(ascending.flatMap((p) => p.edges.map((e) => e.node.name))).toEqual([
      'alpha',
      'bravo',
      'charlie',
      'delta',
      'echo',
    ]);
    const descending = await readAll(owner, { first: 3, orderBy: { field: 'NAME', direction: 'DESC' } });
    expect(descending.flatMap((p) => p.edges.map((e) => e.node.name))).toEqual([
      'echo',
      'delta',
      'charlie',
      'bravo',
      'alpha',
    ]);
  });

  it('orders by updatedAt, so that a model just updated comes first in DESC', async () => {
    const owner = member('OWNER');
    const first = await createModel(registry, owner, { name: 'first' });
    await createModel(registry, owner, { name: 'second' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    await registry.call(
      owner,
      `mutation ($id: ID!) { updateModel(id: $id, input: { description: "touched" }) { id } }`,
      {
        id: first.id,
      },
    );
    const page = await list(owner, { orderBy: { field: 'UPDATED_AT', direction: 'DESC' } });
    expect(page.edges.map((e) => e.node.name)).toEqual(['first', 'second']);
  });

  it('answers an empty page for an organization without models', async () => {
    const page = await list(member('OWNER'), {});
    expect(page).toEqual({
      totalCount: 0,
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  describe('filters', () => {
    const owner = member('OWNER');
    const names = (page: Page) => page.edges.map((e) => e.node.name).sort();

    beforeAll(async () => {
      const seed = [
        {
          name: 'fraud-detector',
          framework: 'XGBOOST',
          taskType: 'ANOMALY_DETECTION',
          tags: ['finance', 'prod'],
        },
        {
          name: 'price model',
          framework: 'SKLEARN',
          taskType: 'REGRESSION',
          tags: ['finance'],
          description: 'Predicts 100% of PRICES',
        },
        { name: 'segments', framework: 'SKLEARN', taskType: 'CLUSTERING', tags: ['marketing'] },
        {
          name: 'churn_v1',
          framework: 'PYTORCH',
          taskType: 'CLASSIFICATION',
          description: 'under_score here',
        },
        { name: 'churnXv1', framework: 'PYTORCH', taskType: 'CLASSIFICATION' },
      ];
      for (const input of seed) await createModel(registry, owner, input);
      // Lifecycle changes arrive with model versions; until then the column is set directly.
      await registry.subgraph.orm.em
        .getConnection()
        .execute(
          `update registry.models set lifecycle = 'PRODUCTION' where organization_id = ? and name = ?`,
          [owner.organizationId, 'fraud-detector'],
        );
    });

    it.each([
      ['framework', { framework: 'SKLEARN' }, ['price model', 'segments']],
      ['task type', { taskType: 'CLASSIFICATION' }, ['churnXv1', 'churn_v1']],
      ['lifecycle', { lifecycle: 'PRODUCTION' }, ['fraud-detector']],
      ['tag', { tag: 'finance' }, ['fraud-detector', 'price model']],
      ['tag, trimmed', { tag: ' marketing ' }, ['segments']],
      ['an unknown tag', { tag: 'nothing' }, []],
      ['search in the name, ignoring case', { search: 'CHURN' }, ['churnXv1', 'churn_v1']],
      ['search in the description', { search: 'prices' }, ['price model']],
      ['search for a literal %', { search: '%' }, ['price model']],
      ['search for a literal _', { search: '_' }, ['churn_v1']],
      ['search with a literal _ in the name', { search: 'n_v' }, ['churn_v1']],
      ['search with a literal _ in the description', { search: 'r_s' }, ['churn_v1']],
      ['several filters at once', { framework: 'SKLEARN', tag: 'finance', search: 'price' }, ['price model']],
      ['framework and task type with no match', { framework: 'ONNX', taskType: 'REGRESSION' }, []],
    ])('filters by %s', async (_label, filter, expected) => {
      const page = await list(owner, { filter });
      expect(names(page)).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
    });

    it('paginates a filtered listing with the filter applied on every page', async () => {
      const pages = await readAll(owner, { filter: { framework: 'PYTORCH' }, first: 1 });
      expect(pages.flatMap((p) => p.edges.map((e) => e.node.name)).sort()).toEqual(['churnXv1', 'churn_v1']);
      expect(pages.every((p) => p.totalCount === 2)).toBe(true);
    });

    it('treats a blank search as no search', async () => {
      const page = await list(owner, { filter: { search: '   ' } });
      expect(page.totalCount).toBe(5);
    });
  });

  it('refuses first over the maximum rather than truncating', async () => {
    const result = await registry.call(member('OWNER'), LIST, { first: 1000 });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'first' }]);
  });
});

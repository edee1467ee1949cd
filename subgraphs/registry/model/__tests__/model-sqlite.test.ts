import { createModel, errorsOf, member, useRegistry } from '../../../../test/support/harness/registry';
import { readAllPages } from '../../../../test/support/harness/pages';

const LIST = `query ($filter: ModelFilter, $first: Int, $after: String, $orderBy: ModelOrder) {
  models(filter: $filter, first: $first, after: $after, orderBy: $orderBy) {
    totalCount edges { node { id name tags } } pageInfo { hasNextPage endCursor } } }`;

interface Page {
  totalCount: number;
  edges: { node: { id: string; name: string; tags: string[] } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('registry models on SQLite (embedded mode)', () => {
  const registry = useRegistry({ dialect: 'sqlite' });
  const owner = member('OWNER');

  const list = async (variables: Record<string, unknown>) => {
    const result = await registry.call<{ models: Page }>(owner, LIST, variables);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data!.models;
  };

  it('applies the SQLite migrations: tables, the unique name index and the keyset indexes', async () => {
    const rows: { name: string }[] = await registry.subgraph.orm.em
      .getConnection()
      .execute(`select name from sqlite_master where type in ('table', 'index') order by name`);
    expect(rows.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'models',
        'model_tags',
        'models_organization_id_name_unique',
        'models_organization_id_created_at_id_index',
        'models_organization_id_updated_at_id_index',
        'model_tags_tag_model_id_index',
      ]),
    );
  });

  it('creates, updates and deletes a model with its tags, keeping createdAt on update', async () => {
    const created = await createModel(registry, owner, { name: 'lite', tags: ['b', 'a'] });
    const updated = await registry.call<{ updateModel: { tags: string[]; createdAt: string } }>(
      owner,
      `mutation ($id: ID!) { updateModel(id: $id, input: { tags: ["c"] }) { tags createdAt } }`,
      { id: created.id },
    );
    expect(updated.data?.updateModel).toEqual({ tags: ['c'], createdAt: created.createdAt });
    const deleted = await registry.call(owner, `mutation ($id: ID!) { deleteModel(id: $id) }`, {
      id: created.id,
    });
    expect(deleted.data).toEqual({ deleteModel: true });
    const tagRows: { n: number }[] = await registry.subgraph.orm.em
      .getConnection()
      .execute('select count(*) as n from model_tags where model_id = ?', [created.id]);
    expect(Number(tagRows[0].n)).toBe(0);
  });

  it('refuses a duplicate name with CONFLICT', async () => {
    await createModel(registry, owner, { name: 'unique-lite' });
    const result = await registry.call(
      owner,
      `mutation { createModel(input: { name: "unique-lite", framework: ONNX, taskType: REGRESSION }) { id } }`,
    );
    expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
  });

  describe('search and tag filters', () => {
    const searchOwner = owner;
    beforeAll(async () => {
      await createModel(registry, searchOwner, {
        name: 'Fraud Detector',
        tags: ['finance'],
        description: '99% sure',
      });
      await createModel(registry, searchOwner, { name: 'fraud_v2', tags: ['finance', 'beta'] });
      await createModel(registry, searchOwner, { name: 'fraudXv2', tags: ['beta'] });
    });

    it.each([
      ['search, ignoring case', { search: 'FRAUD' }, ['Fraud Detector', 'fraudXv2', 'fraud_v2']],
      ['search for a literal _', { search: 'd_v' }, ['fraud_v2']],
      ['search for a literal % in the description', { search: '%' }, ['Fraud Detector']],
      ['tag', { tag: 'beta' }, ['fraudXv2', 'fraud_v2']],
      ['tag and search', { tag: 'finance', search: 'detector' }, ['Fraud Detector']],
    ])('filters by %s', async (_label, filter, expected) => {
      const page = await list({ filter });
      expect(page.edges.map((e) => e.node.name).sort()).toEqual(expected);
      expect(page.totalCount).toBe(expected.length);
    });
  });

  it('pages without duplicates or gaps under equal timestamps', async () => {
    const pager = member('OWNER');
    for (let i = 0; i < 25; i++) await createModel(registry, pager, { name: `page-${i}` });
    await registry.subgraph.orm.em
      .getConnection()
      .execute('update models set created_at = ? where organization_id = ?', [
        Date.UTC(2026, 0, 1),
        pager.organizationId,
      ]);
    const pages = await readAllPages(
      async (after) =>
        (await registry.call<{ models: Page }>(pager, LIST, { first: 10, after })).data!.models,
    );
    const ids = pages.flatMap((page) => page.edges.map((e) => e.node.id));
    expect(ids).toEqual([...ids].sort().reverse());
    expect(new Set(ids).size).toBe(25);
  });
});

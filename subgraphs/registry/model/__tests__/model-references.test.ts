import { createModel, member, sqlStatements, useRegistry } from '../../../../test/support/harness/registry';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Model { id name tags owner { id } organization { id } } } }`;

describe('registry models: entity references and lists are resolved in batches', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const ids: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 100; i++) {
      ids.push((await createModel(registry, owner, { name: `ref-${i}`, tags: [`t${i % 3}`, 'all'] })).id);
    }
  });

  it('resolves 100 Model references with their tags in at most 2 SQL queries', async () => {
    registry.queries.splice(0);
    const result = await registry.call<{ _entities: { id: string; tags: string[] }[] }>(owner, ENTITIES, {
      representations: ids.map((id) => ({ __typename: 'Model', id })),
    });
    const sql = sqlStatements(registry.queries);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((m) => m.id)).toEqual(ids);
    expect(result.data!._entities[4].tags).toEqual(['all', 't1']);
    expect(sql.length).toBeLessThanOrEqual(2);
  });

  it('resolves 100 Model references without tags in 1 SQL query', async () => {
    registry.queries.splice(0);
    await registry.call(
      owner,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { id name } } }`,
      {
        r: ids.map((id) => ({ __typename: 'Model', id })),
      },
    );
    expect(sqlStatements(registry.queries)).toHaveLength(1);
  });

  it('lists 100 models with their tags and the total in 3 SQL queries (page, tags, count)', async () => {
    registry.queries.splice(0);
    const result = await registry.call<{ models: { totalCount: number; edges: unknown[] } }>(
      owner,
      `{ models(first: 100) { totalCount edges { node { id tags owner { id } } } } }`,
    );
    expect(result.data!.models.edges).toHaveLength(100);
    expect(result.data!.models.totalCount).toBe(100);
    expect(sqlStatements(registry.queries)).toHaveLength(3);
  });

  it('does not count when totalCount is not asked for', async () => {
    registry.queries.splice(0);
    await registry.call(owner, `{ models(first: 10) { edges { node { id } } } }`);
    expect(sqlStatements(registry.queries)).toHaveLength(1);
  });
});

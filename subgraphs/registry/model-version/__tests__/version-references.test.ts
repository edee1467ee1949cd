import { linearRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import {
  createModel,
  createVersion,
  dataOf,
  member,
  sqlStatements,
  transition,
  uploadVersion,
  useRegistry,
} from '../../../../test/support/harness/version';

const LIST = `query ($first: Int) { models(first: $first, orderBy: { field: NAME, direction: ASC }) { edges { node {
  name versions { version tags aliases } latestVersion { version } productionVersion { version }
  alias(name: "champion") { version } aliases { name } } } } }`;

describe('registry model versions: lists and references are resolved in batches', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const versionIds: string[] = [];

  beforeAll(async () => {
    const file = linearRegressionOnnx({ features: 4 });
    for (let i = 0; i < 20; i++) {
      const model = await createModel(registry, owner, { name: `batched-${String(i).padStart(2, '0')}` });
      const v1 = await uploadVersion(registry, owner, model.id, file, { tags: ['a'] });
      const v2 = await uploadVersion(registry, owner, model.id, file);
      await createVersion(registry, owner, model.id);
      dataOf(await transition(registry, owner, v1.id, 'PRODUCTION'));
      dataOf(
        await registry.call(
          owner,
          `mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $v) { name } }`,
          { m: model.id, v: v2.id },
        ),
      );
      versionIds.push(v1.id, v2.id);
    }
  });

  const listQueries = async (first: number) => {
    registry.queries.splice(0);
    const result = await registry.call<{ models: { edges: { node: Record<string, unknown> }[] } }>(
      owner,
      LIST,
      {
        first,
      },
    );
    return { nodes: dataOf(result).models.edges.map((e) => e.node), sql: sqlStatements(registry.queries) };
  };

  it('lists models with versions, latest, production and aliased versions in a fixed number of queries', async () => {
    const few = await listQueries(2);
    const many = await listQueries(20);
    expect(many.nodes).toHaveLength(20);
    expect(many.nodes[0]).toEqual({
      name: 'batched-00',
      versions: [
        { version: 3, tags: [], aliases: [] },
        { version: 2, tags: [], aliases: ['champion'] },
        { version: 1, tags: ['a'], aliases: [] },
      ],
      latestVersion: { version: 2 },
      productionVersion: { version: 1 },
      alias: { version: 2 },
      aliases: [{ name: 'champion' }],
    });
    // The page, then one query each: versions, latest, production, aliases with their versions, aliases of the
    // listed versions, tags.
    expect(many.sql.length).toBe(few.sql.length);
    expect(many.sql.length).toBeLessThanOrEqual(7);
  });

  it('resolves 40 ModelVersion references in 1 query, and their models in 1 more', async () => {
    const representations = versionIds.map((id) => ({ __typename: 'ModelVersion', id }));
    registry.queries.splice(0);
    const bare = await registry.call<{ _entities: { id: string }[] }>(
      owner,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ModelVersion { id version stage } } }`,
      { r: representations },
    );
    expect(dataOf(bare)._entities.map((v) => v.id)).toEqual(versionIds);
    expect(sqlStatements(registry.queries)).toHaveLength(1);

    registry.queries.splice(0);
    const withModels = await registry.call<{ _entities: { model: { name: string } }[] }>(
      owner,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ModelVersion { id model { name lifecycle } } } }`,
      { r: representations },
    );
    expect(dataOf(withModels)._entities[0].model).toEqual({ name: 'batched-00', lifecycle: 'PRODUCTION' });
    expect(sqlStatements(registry.queries)).toHaveLength(2);
  });
});

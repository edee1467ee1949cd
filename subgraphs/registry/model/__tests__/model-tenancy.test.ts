import {
  createModel,
  errorsOf,
  member,
  MODEL_FIELDS,
  useRegistry,
} from '../../../../test/support/harness/registry';

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Model { id name tags owner { id } } } }`;

describe('registry models: an organization never sees or changes another organization’s models', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const alice = member('OWNER');
  const mallory = member('OWNER');
  let aliceModelId: string;

  beforeAll(async () => {
    aliceModelId = (
      await createModel(registry, alice, { name: 'secret model', tags: ['secret'], description: 'secret' })
    ).id;
    await createModel(registry, mallory, { name: 'mallory model', tags: ['secret'] });
  });

  it('answers NOT_FOUND to model(id) for a model of another organization', async () => {
    const result = await registry.call(mallory, `query ($id: ID!) { model(id: $id) { ${MODEL_FIELDS} } }`, {
      id: aliceModelId,
    });
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    expect(result.data).toEqual({ model: null });
  });

  it('answers NOT_FOUND to updateModel and deleteModel, and leaves the model untouched', async () => {
    const update = await registry.call(
      mallory,
      `mutation ($id: ID!) { updateModel(id: $id, input: { name: "stolen", tags: [] }) { id } }`,
      { id: aliceModelId },
    );
    expect(errorsOf(update)).toEqual([{ code: 'NOT_FOUND' }]);
    const remove = await registry.call(mallory, `mutation ($id: ID!) { deleteModel(id: $id) }`, {
      id: aliceModelId,
    });
    expect(errorsOf(remove)).toEqual([{ code: 'NOT_FOUND' }]);
    const mine = await registry.call(alice, `query ($id: ID!) { model(id: $id) { name tags } }`, {
      id: aliceModelId,
    });
    expect(mine.data).toEqual({ model: { name: 'secret model', tags: ['secret'] } });
  });

  it('never lists it, whatever the filter, and does not count it', async () => {
    for (const filter of [{}, { tag: 'secret' }, { search: 'secret' }, { framework: 'SKLEARN' }]) {
      const result = await registry.call<{
        models: { totalCount: number; edges: { node: { id: string } }[] };
      }>(
        mallory,
        `query ($filter: ModelFilter) { models(filter: $filter) { totalCount edges { node { id } } } }`,
        { filter },
      );
      const ids = result.data!.models.edges.map((e) => e.node.id);
      expect(ids).not.toContain(aliceModelId);
      expect(result.data!.models.totalCount).toBe(ids.length);
    }
  });

  it('does not find it by name', async () => {
    const result = await registry.call(mallory, `{ modelByName(name: "secret model") { id } }`);
    expect(result).toMatchObject({ data: { modelByName: null } });
  });

  it('resolves it to null through _entities, next to the caller’s own model', async () => {
    const own = await createModel(registry, mallory, { name: 'own' });
    const result = await registry.call<{ _entities: unknown[] }>(mallory, ENTITIES, {
      representations: [
        { __typename: 'Model', id: aliceModelId },
        { __typename: 'Model', id: own.id },
      ],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      null,
      { id: own.id, name: 'own', tags: [], owner: { id: mallory.userId } },
    ]);
  });

  it('does not block a name used in another organization', async () => {
    await expect(createModel(registry, mallory, { name: 'secret model' })).resolves.toBeDefined();
  });
});

import { anonymousCaller } from '../../../../lib/caller';
import {
  CREATE_MODEL,
  createModel,
  errorsOf,
  member,
  MODEL_FIELDS,
  useRegistry,
  type ModelView,
} from '../../../../test/support/harness/registry';

const GET_MODEL = `query ($id: ID!) { model(id: $id) { ${MODEL_FIELDS} } }`;
const BY_NAME = `query ($name: String!) { modelByName(name: $name) { id name } }`;
const UPDATE_MODEL = `mutation ($id: ID!, $input: UpdateModelInput!) { updateModel(id: $id, input: $input) { ${MODEL_FIELDS} } }`;
const DELETE_MODEL = `mutation ($id: ID!) { deleteModel(id: $id) }`;

describe('registry models: create, read, update, delete', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');

  it('creates a model owned by the caller in the caller organization, in DEVELOPMENT', async () => {
    const model = await createModel(registry, owner, {
      name: '  churn predictor  ',
      description: 'Predicts churn',
      framework: 'PYTORCH',
      taskType: 'REGRESSION',
      tags: ['b', 'a', 'b', ' c '],
    });
    expect(model).toMatchObject({
      name: 'churn predictor',
      description: 'Predicts churn',
      framework: 'PYTORCH',
      taskType: 'REGRESSION',
      lifecycle: 'DEVELOPMENT',
      tags: ['a', 'b', 'c'],
      owner: { id: owner.userId },
      organization: { id: owner.organizationId },
    });
    expect(model.createdAt).toBe(model.updatedAt);
    expect(new Date(model.createdAt).toISOString()).toBe(model.createdAt);
  });

  it('reads a model by id and by name, with its tags', async () => {
    const created = await createModel(registry, owner, { name: 'reader', tags: ['x'] });
    const byId = await registry.call<{ model: ModelView }>(owner, GET_MODEL, { id: created.id });
    expect(byId.data?.model).toEqual(created);
    const byName = await registry.call<{ modelByName: ModelView }>(owner, BY_NAME, { name: ' reader ' });
    expect(byName.data?.modelByName).toEqual({ id: created.id, name: 'reader' });
  });

  it('answers NOT_FOUND for an unknown or malformed id, and null for an unknown name', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      const result = await registry.call(owner, GET_MODEL, { id });
      expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
      expect(result.data).toEqual({ model: null });
    }
    const byName = await registry.call(owner, BY_NAME, { name: 'nothing by that name' });
    expect(byName).toMatchObject({ data: { modelByName: null } });
    expect(byName.errors).toBeUndefined();
    // A NUL cannot be in a stored name (PostgreSQL text): refused as input, not a failed query.
    const withNul = await registry.call(owner, BY_NAME, { name: 'nul\u0000in it' });
    expect(errorsOf(withNul)).toEqual([{ code: 'BAD_USER_INPUT', field: 'name' }]);
  });

  it('updates name, description and tags; leaves out fields unchanged; moves updatedAt', async () => {
    const created = await createModel(registry, owner, {
      name: 'to-update',
      description: 'old',
      tags: ['keep'],
    });
    const renamed = await registry.call<{ updateModel: ModelView }>(owner, UPDATE_MODEL, {
      id: created.id,
      input: { name: 'updated.v2' },
    });
    expect(renamed.data?.updateModel).toMatchObject({
      name: 'updated.v2',
      description: 'old',
      tags: ['keep'],
    });
    expect(renamed.data!.updateModel.updatedAt > created.updatedAt).toBe(true);
    expect(renamed.data!.updateModel.createdAt).toBe(created.createdAt);

    const retagged = await registry.call<{ updateModel: ModelView }>(owner, UPDATE_MODEL, {
      id: created.id,
      input: { description: null, tags: ['new', 'other'] },
    });
    expect(retagged.data?.updateModel).toMatchObject({
      name: 'updated.v2',
      description: null,
      tags: ['new', 'other'],
    });
    const reread = await registry.call<{ model: ModelView }>(owner, GET_MODEL, { id: created.id });
    expect(reread.data?.model.tags).toEqual(['new', 'other']);

    const cleared = await registry.call<{ updateModel: ModelView }>(owner, UPDATE_MODEL, {
      id: created.id,
      input: { tags: [] },
    });
    expect(cleared.data?.updateModel.tags).toEqual([]);
  });

  it('keeps the name when renaming a model to its own name', async () => {
    const created = await createModel(registry, owner, { name: 'same-name' });
    const result = await registry.call(owner, UPDATE_MODEL, { id: created.id, input: { name: 'same-name' } });
    expect(result.errors).toBeUndefined();
  });

  it('deletes a model with its tags; the model is gone and its name is free again', async () => {
    const created = await createModel(registry, owner, { name: 'to-delete', tags: ['t1', 't2'] });
    const deleted = await registry.call(owner, DELETE_MODEL, { id: created.id });
    expect(deleted).toMatchObject({ data: { deleteModel: true } });
    expect(errorsOf(await registry.call(owner, GET_MODEL, { id: created.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    const tagRows = await registry.subgraph.orm.em
      .getConnection()
      .execute('select count(*) as n from registry.model_tags where model_id = ?', [created.id]);
    expect(Number(tagRows[0].n)).toBe(0);
    expect(errorsOf(await registry.call(owner, DELETE_MODEL, { id: created.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    await createModel(registry, owner, { name: 'to-delete' });
  });

  it('refuses a duplicate name in the same organization with CONFLICT, on create and on rename', async () => {
    await createModel(registry, owner, { name: 'taken' });
    const other = await createModel(registry, owner, { name: 'not-taken' });
    const duplicate = await registry.call(owner, CREATE_MODEL, {
      input: { name: 'taken', framework: 'ONNX', taskType: 'CLUSTERING' },
    });
    expect(errorsOf(duplicate)).toEqual([{ code: 'CONFLICT' }]);
    const rename = await registry.call(owner, UPDATE_MODEL, { id: other.id, input: { name: 'taken' } });
    expect(errorsOf(rename)).toEqual([{ code: 'CONFLICT' }]);
    const unchanged = await registry.call<{ model: ModelView }>(owner, GET_MODEL, { id: other.id });
    expect(unchanged.data?.model.name).toBe('not-taken');
  });

  it('allows the same name in two organizations', async () => {
    await createModel(registry, owner, { name: 'shared-name' });
    await expect(createModel(registry, member('OWNER'), { name: 'shared-name' })).resolves.toBeDefined();
  });

  it('lets exactly one of several concurrent creates with the same name win; the others get CONFLICT', async () => {
    const input = { name: 'race', framework: 'SKLEARN', taskType: 'CLASSIFICATION', tags: ['a', 'b'] };
    const results = await Promise.all(
      Array.from({ length: 4 }, () => registry.call(owner, CREATE_MODEL, { input })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorsOf)).toEqual(Array(3).fill([{ code: 'CONFLICT' }]));
    const rows = await registry.subgraph.orm.em
      .getConnection()
      .execute('select count(*) as n from registry.models where name = ?', ['race']);
    expect(Number(rows[0].n)).toBe(1);
  });

  it('lets a VIEWER read but not create, update or delete (FORBIDDEN)', async () => {
    const created = await createModel(registry, owner, { name: 'viewed' });
    const viewer = member('VIEWER', owner.organizationId);
    expect((await registry.call(viewer, GET_MODEL, { id: created.id })).data).toMatchObject({
      model: { id: created.id },
    });
    const attempts = [
      await registry.call(viewer, CREATE_MODEL, {
        input: { name: 'v', framework: 'ONNX', taskType: 'REGRESSION' },
      }),
      await registry.call(viewer, UPDATE_MODEL, { id: created.id, input: { name: 'v2' } }),
      await registry.call(viewer, DELETE_MODEL, { id: created.id }),
    ];
    expect(attempts.map(errorsOf)).toEqual(Array(3).fill([{ code: 'FORBIDDEN' }]));
    expect(
      (await registry.call<{ model: ModelView }>(owner, GET_MODEL, { id: created.id })).data?.model.name,
    ).toBe('viewed');
  });

  it('lets ADMIN and MEMBER write', async () => {
    for (const role of ['ADMIN', 'MEMBER'] as const) {
      const caller = member(role, owner.organizationId);
      const created = await createModel(registry, caller, { name: `by-${role}` });
      expect(created.owner.id).toBe(caller.userId);
    }
  });

  it('answers UNAUTHENTICATED to an anonymous caller, for reads and writes', async () => {
    const created = await createModel(registry, owner, { name: 'private' });
    const attempts = [
      await registry.call(anonymousCaller, GET_MODEL, { id: created.id }),
      await registry.call(anonymousCaller, BY_NAME, { name: 'private' }),
      await registry.call(anonymousCaller, `{ models { totalCount } }`),
      await registry.call(anonymousCaller, CREATE_MODEL, {
        input: { name: 'anon', framework: 'ONNX', taskType: 'REGRESSION' },
      }),
      await registry.call(anonymousCaller, DELETE_MODEL, { id: created.id }),
      await registry.call(
        anonymousCaller,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { id } } }`,
        {
          r: [{ __typename: 'Model', id: created.id }],
        },
      ),
    ];
    expect(attempts.map(errorsOf)).toEqual(Array(attempts.length).fill([{ code: 'UNAUTHENTICATED' }]));
  });
});

import {
  CREATE_MODEL,
  createModel,
  errorsOf,
  member,
  useRegistry,
} from '../../../../test/support/harness/registry';

const UPDATE_MODEL = `mutation ($id: ID!, $input: UpdateModelInput!) { updateModel(id: $id, input: $input) { id name tags } }`;
const LIST = `query ($filter: ModelFilter, $first: Int, $after: String, $orderBy: ModelOrder) {
  models(filter: $filter, first: $first, after: $after, orderBy: $orderBy) { totalCount edges { cursor } } }`;

const valid = { name: 'valid', framework: 'SKLEARN', taskType: 'CLASSIFICATION' };
const tooManyTags = Array.from({ length: 21 }, (_, i) => `tag-${i}`);

describe('registry models: bad input is BAD_USER_INPUT with the field, and nothing is written', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  let updates = 0;

  const countModels = async () => {
    const result = await registry.call<{ models: { totalCount: number } }>(
      owner,
      `{ models { totalCount } }`,
    );
    return result.data!.models.totalCount;
  };

  it.each([
    ['an empty name', { name: '' }, 'input.name'],
    ['a blank name', { name: '   ' }, 'input.name'],
    ['a name over 100 characters', { name: 'n'.repeat(101) }, 'input.name'],
    ['a name with a slash', { name: 'a/b' }, 'input.name'],
    ['a name with a newline', { name: 'a\nb' }, 'input.name'],
    ['a description over 2000 characters', { description: 'd'.repeat(2001) }, 'input.description'],
    ['more than 20 tags', { tags: tooManyTags }, 'input.tags'],
    ['an empty tag', { tags: ['ok', ' '] }, 'input.tags'],
    ['a tag over 50 characters', { tags: ['t'.repeat(51)] }, 'input.tags'],
  ])('refuses to create a model with %s', async (_label, change, field) => {
    const before = await countModels();
    const result = await registry.call(owner, CREATE_MODEL, { input: { ...valid, ...change } });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(await countModels()).toBe(before);
  });

  it('accepts the limits themselves: 100-character name, 2000-character description, 20 tags of 50', async () => {
    const model = await createModel(registry, owner, {
      name: 'N'.repeat(100),
      description: 'd'.repeat(2000),
      tags: Array.from({ length: 20 }, (_, i) => `${i}`.padEnd(50, 'x')),
    });
    expect(model.tags).toHaveLength(20);
  });

  it('accepts letters of any script, digits, space, "-", "_" and "."', async () => {
    await expect(createModel(registry, owner, { name: 'Modèle-01_v2.1 ünd' })).resolves.toBeDefined();
  });

  it('counts duplicate tags once toward the limit of 20', async () => {
    const model = await createModel(registry, owner, {
      name: 'dupe-tags',
      tags: [...Array(30).fill('same'), 'other'],
    });
    expect(model.tags).toEqual(['other', 'same']);
  });

  it.each([
    ['a null name', { name: null }, 'input.name'],
    ['an invalid name', { name: 'bad*name' }, 'input.name'],
    ['a description over 2000 characters', { description: 'd'.repeat(2001) }, 'input.description'],
    ['null tags', { tags: null }, 'input.tags'],
    ['more than 20 tags', { tags: tooManyTags }, 'input.tags'],
  ])('refuses to update a model with %s and leaves it unchanged', async (_label, change, field) => {
    const model = await createModel(registry, owner, { name: `update-${(updates += 1)}`, tags: ['t'] });
    const result = await registry.call(owner, UPDATE_MODEL, { id: model.id, input: change });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    const reread = await registry.call<{ model: { name: string; tags: string[] } }>(
      owner,
      `query ($id: ID!) { model(id: $id) { name tags } }`,
      { id: model.id },
    );
    expect(reread.data?.model).toEqual({ name: model.name, tags: ['t'] });
  });

  it.each([
    ['first: 0', { first: 0 }, 'first'],
    ['first: -1', { first: -1 }, 'first'],
    ['first over the maximum of 100', { first: 101 }, 'first'],
    ['a cursor that is not base64 JSON', { after: 'not a cursor' }, 'after'],
    ['a cursor with the wrong shape', { after: Buffer.from('{"a":1}').toString('base64url') }, 'after'],
    [
      'a cursor with a malformed id',
      { after: Buffer.from(JSON.stringify(['CREATED_AT', 1, 'x'])).toString('base64url') },
      'after',
    ],
    ['a search over 200 characters', { filter: { search: 's'.repeat(201) } }, 'filter.search'],
    ['an empty tag filter', { filter: { tag: '' } }, 'filter.tag'],
  ])('refuses to list models with %s', async (_label, variables, field) => {
    const result = await registry.call(owner, LIST, variables);
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
  });

  it('refuses a cursor made for another order', async () => {
    await createModel(registry, owner, { name: 'cursor-a' });
    await createModel(registry, owner, { name: 'cursor-b' });
    const page = await registry.call<{ models: { edges: { cursor: string }[] } }>(owner, LIST, {
      first: 1,
      orderBy: { field: 'NAME', direction: 'ASC' },
    });
    const cursor = page.data!.models.edges[0].cursor;
    const result = await registry.call(owner, LIST, { first: 1, after: cursor });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'after' }]);
  });

  it('refuses an unknown enum value and a missing required field before any resolver runs', async () => {
    const badEnum = await registry.call(owner, CREATE_MODEL, { input: { ...valid, framework: 'KERAS' } });
    expect(errorsOf(badEnum)[0].code).toBe('BAD_USER_INPUT');
    const missing = await registry.call(owner, CREATE_MODEL, { input: { name: 'x', framework: 'ONNX' } });
    expect(errorsOf(missing)[0].code).toBe('BAD_USER_INPUT');
  });
});

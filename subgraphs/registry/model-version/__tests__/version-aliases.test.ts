import { linearRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import {
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  member,
  uploadVersion,
  useRegistry,
} from '../../../../test/support/harness/version';

const SET_ALIAS = `mutation ($m: ID!, $a: String!, $v: ID!) {
  setModelAlias(modelId: $m, alias: $a, versionId: $v) { name version { id version aliases } } }`;
const DELETE_ALIAS = `mutation ($m: ID!, $a: String!) { deleteModelAlias(modelId: $m, alias: $a) }`;
const BY_ALIAS = `query ($name: String!, $alias: String!) {
  modelByName(name: $name) { alias(name: $alias) { version } aliases { name version { version } } } }`;

describe('registry model versions: aliases', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const file = linearRegressionOnnx({ features: 4 });

  const setAlias = (modelId: string, alias: string, versionId: string) =>
    registry.call<{
      setModelAlias: { name: string; version: { id: string; version: number; aliases: string[] } };
    }>(owner, SET_ALIAS, { m: modelId, a: alias, v: versionId });
  const byAlias = async (name: string, alias: string) =>
    dataOf(
      await registry.call<{
        modelByName: {
          alias: { version: number } | null;
          aliases: { name: string; version: { version: number } }[];
        };
      }>(owner, BY_ALIAS, { name, alias }),
    ).modelByName;

  it('resolves modelByName(name) { alias(name: "champion") { version } }', async () => {
    const model = await createModel(registry, owner, { name: 'aliased' });
    await uploadVersion(registry, owner, model.id, file);
    const v2 = await uploadVersion(registry, owner, model.id, file);
    const set = dataOf(await setAlias(model.id, 'champion', v2.id)).setModelAlias;
    expect(set).toEqual({ name: 'champion', version: { id: v2.id, version: 2, aliases: ['champion'] } });
    expect(await byAlias('aliased', 'champion')).toEqual({
      alias: { version: 2 },
      aliases: [{ name: 'champion', version: { version: 2 } }],
    });
    expect((await byAlias('aliased', 'challenger')).alias).toBeNull();
  });

  it('moves an alias to another version: one version per alias and model', async () => {
    const model = await createModel(registry, owner, { name: 'moved-alias' });
    const v1 = await uploadVersion(registry, owner, model.id, file);
    const v2 = await uploadVersion(registry, owner, model.id, file);
    await setAlias(model.id, 'champion', v1.id);
    await setAlias(model.id, 'challenger', v2.id);
    await setAlias(model.id, 'champion', v2.id);
    expect(await byAlias('moved-alias', 'champion')).toEqual({
      alias: { version: 2 },
      aliases: [
        { name: 'challenger', version: { version: 2 } },
        { name: 'champion', version: { version: 2 } },
      ],
    });
  });

  it('uses the same alias name independently on two models', async () => {
    const a = await createModel(registry, owner, { name: 'alias-a' });
    const b = await createModel(registry, owner, { name: 'alias-b' });
    const va = await uploadVersion(registry, owner, a.id, file);
    await uploadVersion(registry, owner, b.id, file);
    const vb2 = await uploadVersion(registry, owner, b.id, file);
    await setAlias(a.id, 'champion', va.id);
    await setAlias(b.id, 'champion', vb2.id);
    expect((await byAlias('alias-a', 'champion')).alias).toEqual({ version: 1 });
    expect((await byAlias('alias-b', 'champion')).alias).toEqual({ version: 2 });
  });

  it('deletes an alias: true when it existed, false when not', async () => {
    const model = await createModel(registry, owner, { name: 'unaliased' });
    const v1 = await uploadVersion(registry, owner, model.id, file);
    await setAlias(model.id, 'champion', v1.id);
    const first = await registry.call(owner, DELETE_ALIAS, { m: model.id, a: 'champion' });
    expect(first.data).toEqual({ deleteModelAlias: true });
    const second = await registry.call(owner, DELETE_ALIAS, { m: model.id, a: 'champion' });
    expect(second.data).toEqual({ deleteModelAlias: false });
    expect((await byAlias('unaliased', 'champion')).alias).toBeNull();
  });

  it.each([
    ['an empty alias', ''],
    ['spaces and punctuation', 'my champion!'],
    ['a reserved name', 'latest'],
    ['a version-like name', 'v3'],
    ['65 characters', 'a'.repeat(65)],
  ])('refuses %s with BAD_USER_INPUT', async (_name, alias) => {
    const model = await createModel(registry, owner, {
      name: `bad alias ${alias.length} ${alias.slice(0, 8)}`,
    });
    const v1 = await uploadVersion(registry, owner, model.id, file);
    expect(errorsOf(await setAlias(model.id, alias, v1.id))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'alias' },
    ]);
  });

  it('refuses a version of another model (BAD_USER_INPUT) and one that is not READY (CONFLICT)', async () => {
    const model = await createModel(registry, owner, { name: 'alias-rules' });
    const other = await createModel(registry, owner, { name: 'alias-rules-other' });
    const foreign = await uploadVersion(registry, owner, other.id, file);
    expect(errorsOf(await setAlias(model.id, 'champion', foreign.id))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'versionId' },
    ]);
    const pending = (await createVersion(registry, owner, model.id)).version;
    expect(errorsOf(await setAlias(model.id, 'champion', pending.id))).toEqual([{ code: 'CONFLICT' }]);
    expect((await byAlias('alias-rules', 'champion')).aliases).toEqual([]);
  });
});

import { linearRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import {
  complete,
  CREATE_VERSION,
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  GET_VERSION,
  member,
  numberFeatures,
  transition,
  uploadVersion,
  useRegistry,
  type UploadView,
  type VersionView,
} from '../../../../test/support/harness/version';

describe('registry model versions: an organization never sees or changes another organization’s versions', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const alice = member('OWNER');
  const mallory = member('OWNER');
  let aliceModelId: string;
  let ready: VersionView;
  let pending: UploadView;
  let malloryModelId: string;
  let malloryVersion: VersionView;

  beforeAll(async () => {
    const file = linearRegressionOnnx({ features: 4 });
    aliceModelId = (await createModel(registry, alice, { name: 'secret' })).id;
    ready = await uploadVersion(registry, alice, aliceModelId, file, { tags: ['secret'] });
    dataOf(
      await registry.call(
        alice,
        `mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $v) { name } }`,
        { m: aliceModelId, v: ready.id },
      ),
    );
    pending = await createVersion(registry, alice, aliceModelId);
    malloryModelId = (await createModel(registry, mallory, { name: 'secret' })).id;
    malloryVersion = await uploadVersion(registry, mallory, malloryModelId, file);
  });

  it('answers NOT_FOUND to modelVersion(id) and leaks nothing of the version', async () => {
    const result = await registry.call(mallory, GET_VERSION, { id: ready.id });
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    expect(result.data).toEqual({ modelVersion: null });
    expect(JSON.stringify(result)).not.toContain(aliceModelId);
  });

  it('answers NOT_FOUND to every write on the version or the model, and changes nothing', async () => {
    const attempts = [
      await registry.call(mallory, CREATE_VERSION, {
        modelId: aliceModelId,
        input: { format: 'ONNX', inputSchema: numberFeatures(4) },
      }),
      await complete(registry, mallory, pending.version.id),
      await transition(registry, mallory, ready.id, 'PRODUCTION'),
      await registry.call(
        mallory,
        `mutation ($id: ID!) { updateModelVersion(id: $id, input: { tags: [] }) { id } }`,
        {
          id: ready.id,
        },
      ),
      await registry.call(
        mallory,
        `mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "pwned", versionId: $v) { name } }`,
        { m: aliceModelId, v: ready.id },
      ),
      await registry.call(
        mallory,
        `mutation ($m: ID!) { deleteModelAlias(modelId: $m, alias: "champion") }`,
        {
          m: aliceModelId,
        },
      ),
    ];
    expect(attempts.map(errorsOf)).toEqual(Array(attempts.length).fill([{ code: 'NOT_FOUND' }]));
    const after = dataOf(
      await registry.call<{ modelVersion: VersionView }>(alice, GET_VERSION, { id: ready.id }),
    );
    expect(after.modelVersion).toMatchObject({
      stage: 'DEVELOPMENT',
      tags: ['secret'],
      aliases: ['champion'],
    });
    const stillPending = dataOf(
      await registry.call<{ modelVersion: VersionView }>(alice, GET_VERSION, { id: pending.version.id }),
    );
    expect(stillPending.modelVersion.status).toBe('PENDING_UPLOAD');
    const versions = dataOf(
      await registry.call<{ model: { versions: unknown[] } }>(
        alice,
        `query ($id: ID!) { model(id: $id) { versions { id } } }`,
        {
          id: aliceModelId,
        },
      ),
    );
    expect(versions.model.versions).toHaveLength(2);
  });

  it('refuses to alias another organization’s version onto one’s own model (NOT_FOUND)', async () => {
    const result = await registry.call(
      mallory,
      `mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $v) { name } }`,
      { m: malloryModelId, v: ready.id },
    );
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('resolves its versions to null through _entities, next to the caller’s own', async () => {
    const result = await registry.call<{ _entities: unknown[] }>(
      mallory,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ModelVersion { id version artifact { key } } } }`,
      {
        r: [
          { __typename: 'ModelVersion', id: ready.id },
          { __typename: 'ModelVersion', id: malloryVersion.id },
        ],
      },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      null,
      {
        id: malloryVersion.id,
        version: 1,
        artifact: { key: malloryVersion.artifact!.key },
      },
    ]);
  });

  it('shows only its own versions and aliases under a model of the same name', async () => {
    const result = await registry.call<{
      modelByName: {
        versions: { id: string }[];
        alias: unknown;
        aliases: unknown[];
        latestVersion: { id: string };
      };
    }>(
      mallory,
      `{ modelByName(name: "secret") { versions { id } alias(name: "champion") { id } aliases { name } latestVersion { id } } }`,
    );
    expect(dataOf(result).modelByName).toEqual({
      versions: [{ id: malloryVersion.id }],
      alias: null,
      aliases: [],
      latestVersion: { id: malloryVersion.id },
    });
  });
});

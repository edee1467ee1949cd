import { logisticRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import { useInference } from '../../../../test/support/harness/inference';
import {
  complete,
  countRows,
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  GET_VERSION,
  hoursFromNow,
  member,
  modelObjects,
  put,
  sweep,
  transition,
  uploadVersion,
  useRegistry,
  type VersionView,
} from '../../../../test/support/harness/version';

describe('registry model versions on SQLite (embedded mode)', () => {
  const registry = useRegistry({ dialect: 'sqlite' });
  // deleteModel asks inference (embedded mode: on SQLite too) whether a model with READY versions is deployed.
  useInference(registry, {}, 'sqlite');
  const owner = member('OWNER');
  const file = logisticRegressionOnnx({ features: 4, labels: ['no', 'yes'] });

  const versionOf = async (id: string) =>
    dataOf(await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, { id })).modelVersion;

  it('uploads, completes, promotes and aliases versions; the model follows', async () => {
    const model = await createModel(registry, owner, { name: 'lite-versions' });
    const v1 = await uploadVersion(registry, owner, model.id, file);
    const v2 = await uploadVersion(registry, owner, model.id, file);
    expect([v1.version, v2.version, v1.status, v1.outputLabels]).toEqual([1, 2, 'READY', ['no', 'yes']]);
    dataOf(await transition(registry, owner, v1.id, 'PRODUCTION'));
    const promoted = dataOf(
      await transition(registry, owner, v2.id, 'PRODUCTION'),
    ).transitionModelVersionStage;
    expect(promoted.model.lifecycle).toBe('PRODUCTION');
    expect((await versionOf(v1.id)).stage).toBe('ARCHIVED');
    dataOf(
      await registry.call(
        owner,
        `mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $v) { name } }`,
        { m: model.id, v: v1.id },
      ),
    );
    const read = await registry.call<{ modelByName: Record<string, unknown> }>(
      owner,
      `{ modelByName(name: "lite-versions") { alias(name: "champion") { version } latestVersion { version }
         productionVersion { version } } }`,
    );
    expect(dataOf(read).modelByName).toEqual({
      alias: { version: 1 },
      latestVersion: { version: 2 },
      productionVersion: { version: 2 },
    });
  });

  it('numbers concurrent creations without gaps or duplicates', async () => {
    const model = await createModel(registry, owner, { name: 'lite-concurrent' });
    const uploads = await Promise.all(
      Array.from({ length: 5 }, () => createVersion(registry, owner, model.id)),
    );
    expect(uploads.map((u) => u.version.version).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a file that is not ONNX and removes it', async () => {
    const model = await createModel(registry, owner, { name: 'lite-invalid' });
    const upload = await createVersion(registry, owner, model.id);
    await put(upload.uploadUrl, Buffer.from('{"not": "onnx"}'));
    expect(errorsOf(await complete(registry, owner, upload.version.id))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'versionId' },
    ]);
    expect((await versionOf(upload.version.id)).status).toBe('INVALID');
    expect(await modelObjects(registry, owner.organizationId, model.id)).toEqual([]);
  });

  it('expires abandoned uploads and deletes a model with its files', async () => {
    const model = await createModel(registry, owner, { name: 'lite-swept' });
    const abandoned = await createVersion(registry, owner, model.id);
    await put(abandoned.uploadUrl, file);
    const kept = await uploadVersion(registry, owner, model.id, file);
    await sweep(registry, hoursFromNow(2));
    expect((await versionOf(abandoned.version.id)).status).toBe('EXPIRED');
    expect((await versionOf(kept.id)).status).toBe('READY');
    // The abandoned upload is gone; the READY version's file stays.
    expect(await modelObjects(registry, owner.organizationId, model.id)).toEqual([kept.artifact!.key]);

    expect(
      dataOf(await registry.call(owner, `mutation ($id: ID!) { deleteModel(id: $id) }`, { id: model.id })),
    ).toEqual({
      deleteModel: true,
    });
    expect(await modelObjects(registry, owner.organizationId, model.id)).toEqual([]);
    expect(await countRows(registry, 'model_versions', 'model_id = ?', [model.id])).toBe(0);
  });
});

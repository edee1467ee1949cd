import { logisticRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import { failingRemovals } from '../../../../test/support/failing-removals';
import { useInference } from '../../../../test/support/harness/inference';
import {
  countRows,
  CREATE_VERSION,
  createModel,
  createVersion,
  dataOf,
  errorsOf,
  member,
  modelObjects,
  numberFeatures,
  objectExists,
  put,
  sweep,
  uploadVersion,
  useRegistry,
} from '../../../../test/support/harness/version';

const DELETE_MODEL = `mutation ($id: ID!) { deleteModel(id: $id) }`;
const SET_ALIAS = `mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $v) { name } }`;

describe('registry: deleteModel removes versions and their files', () => {
  const removals = failingRemovals();
  const registry = useRegistry({ dialect: 'postgresql', objectStore: removals.decorate });
  // deleteModel asks inference whether a model with READY versions is deployed.
  useInference(registry);
  const owner = member('OWNER');
  const file = logisticRegressionOnnx({ features: 4, labels: ['a', 'b'] });

  /** A model with a READY version (tagged, aliased), a version uploaded but not completed and an empty one. */
  async function modelWithFiles(name: string) {
    const model = await createModel(registry, owner, { name });
    const ready = await uploadVersion(registry, owner, model.id, file, { tags: ['t'] });
    dataOf(await registry.call(owner, SET_ALIAS, { m: model.id, v: ready.id }));
    const uploaded = await createVersion(registry, owner, model.id);
    await put(uploaded.uploadUrl, file);
    await createVersion(registry, owner, model.id);
    // The READY version's verified file (its staging object is gone) and the other's staged upload.
    const keys = await modelObjects(registry, owner.organizationId, model.id);
    expect(keys).toHaveLength(2);
    expect(keys).toContain(ready.artifact!.key);
    expect(
      keys.filter((key) =>
        key.startsWith(`staging/${owner.organizationId}/${model.id}/${uploaded.version.id}/`),
      ),
    ).toHaveLength(1);
    return { model, keys };
  }

  const rowsOf = async (modelId: string) => ({
    versions: await countRows(registry, 'model_versions', 'model_id = ?', [modelId]),
    aliases: await countRows(registry, 'model_aliases', 'model_id = ?', [modelId]),
    counters: await countRows(registry, 'model_version_counters', 'model_id = ?', [modelId]),
    tags: await countRows(
      registry,
      'model_version_tags',
      'version_id not in (select id from registry.model_versions)',
    ),
  });

  it('deletes the versions, their tags, aliases and counter, and removes their files', async () => {
    const { model, keys } = await modelWithFiles('deleted-with-files');
    expect(dataOf(await registry.call(owner, DELETE_MODEL, { id: model.id }))).toEqual({ deleteModel: true });
    expect(await rowsOf(model.id)).toEqual({ versions: 0, aliases: 0, counters: 0, tags: 0 });
    for (const key of keys) expect(await objectExists(registry, key)).toBe(false);
  });

  it('stops the download URLs handed out before the model was deleted: they answer 404', async () => {
    const model = await createModel(registry, owner, { name: 'deleted-while-downloaded' });
    const ready = await uploadVersion(registry, owner, model.id, file);
    const { modelVersion } = dataOf(
      await registry.call<{ modelVersion: { artifact: { downloadUrl: string } } }>(
        owner,
        `query ($id: ID!) { modelVersion(id: $id) { artifact { downloadUrl(expiresInSeconds: 3600) } } }`,
        { id: ready.id },
      ),
    );
    const url = modelVersion.artifact.downloadUrl;
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(file);
    expect(dataOf(await registry.call(owner, DELETE_MODEL, { id: model.id }))).toEqual({ deleteModel: true });
    expect((await fetch(url)).status).toBe(404);
  });

  it('leaves no orphan when removing the files fails: the queued removal is retried by the sweeper', async () => {
    const { model, keys } = await modelWithFiles('deleted-during-outage');
    removals.failures = 1;
    const callsBefore = removals.calls;
    // The rows go; S3 refuses the removal, which the client does not see.
    expect(dataOf(await registry.call(owner, DELETE_MODEL, { id: model.id }))).toEqual({ deleteModel: true });
    expect(removals.calls).toBe(callsBefore + 1);
    expect((await rowsOf(model.id)).versions).toBe(0);
    for (const key of keys) expect(await objectExists(registry, key)).toBe(true);
    const queued = await countRows(registry, 'pending_object_deletions', 'attempts = 1 and last_error = ?', [
      'S3 is unavailable',
    ]);
    expect(queued).toBe(3);

    // Not yet due (a failed removal waits a minute): nothing happens.
    await sweep(registry, new Date(Date.now() + 30_000));
    for (const key of keys) expect(await objectExists(registry, key)).toBe(true);

    // Later (past the upload URLs' lifetime, so nothing can recreate the files), the sweeper finishes the job.
    await sweep(registry, new Date(Date.now() + 2 * 3_600_000));
    for (const key of keys) expect(await objectExists(registry, key)).toBe(false);
    expect(await countRows(registry, 'pending_object_deletions')).toBe(0);
    expect(await modelObjects(registry, owner.organizationId, model.id)).toEqual([]);
  });

  it('deleting a model while versions are created and promoted answers no internal error and leaves nothing', async () => {
    const model = await createModel(registry, owner, { name: 'deleted-while-busy' });
    const ready = await uploadVersion(registry, owner, model.id, file);
    const calls = [
      ...Array.from({ length: 6 }, () =>
        registry.call(owner, CREATE_VERSION, {
          modelId: model.id,
          input: { format: 'ONNX', inputSchema: numberFeatures(4) },
        }),
      ),
      registry.call(owner, DELETE_MODEL, { id: model.id }),
      registry.call(owner, SET_ALIAS, { m: model.id, v: ready.id }),
      registry.call(
        owner,
        `mutation ($v: ID!) { transitionModelVersionStage(versionId: $v, stage: STAGING) { id } }`,
        {
          v: ready.id,
        },
      ),
    ];
    const codes = (await Promise.all(calls)).flatMap((r) => errorsOf(r).map((e) => e.code));
    expect(codes.filter((code) => code !== 'NOT_FOUND')).toEqual([]);
    expect(await rowsOf(model.id)).toEqual({ versions: 0, aliases: 0, counters: 0, tags: 0 });
    expect(await modelObjects(registry, owner.organizationId, model.id)).toEqual([]);
  });

  it('lets the model of another organization be neither deleted nor emptied of its versions', async () => {
    const { model, keys } = await modelWithFiles('kept-from-others');
    const result = await registry.call(member('OWNER'), DELETE_MODEL, { id: model.id });
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    expect((await rowsOf(model.id)).versions).toBe(3);
    for (const key of keys) expect(await objectExists(registry, key)).toBe(true);
  });
});

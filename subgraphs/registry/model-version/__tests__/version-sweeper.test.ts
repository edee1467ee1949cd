import { linearRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
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
  startRegistry,
  sweep,
  uploadVersion,
  useRegistry,
  type VersionView,
} from '../../../../test/support/harness/version';

describe('registry model versions: uploads that never complete', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  const file = linearRegressionOnnx({ features: 4 });
  let modelId: string;

  beforeAll(async () => {
    modelId = (await createModel(registry, owner, { name: 'abandoned' })).id;
  });

  const versionOf = async (id: string) =>
    dataOf(await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, { id })).modelVersion;
  /** The version's objects: its staged upload, its verified file. */
  const objectsOf = (versionId: string) => modelObjects(registry, owner.organizationId, modelId, versionId);

  it('expires a version whose upload was not completed in time and removes its uploaded file', async () => {
    const uploaded = await createVersion(registry, owner, modelId);
    await put(uploaded.uploadUrl, file);
    const never = await createVersion(registry, owner, modelId);
    const done = await uploadVersion(registry, owner, modelId, file);

    // Within the URL's lifetime and the grace after it, nothing happens.
    await sweep(registry, hoursFromNow(1.2));
    expect((await versionOf(uploaded.version.id)).status).toBe('PENDING_UPLOAD');

    // 1 h URL + 15 min grace later.
    const result = await sweep(registry, hoursFromNow(1.3));
    expect(result.expiredVersions).toBeGreaterThanOrEqual(2);
    for (const id of [uploaded.version.id, never.version.id]) {
      expect(await versionOf(id)).toMatchObject({
        status: 'EXPIRED',
        statusReason: 'The upload was not completed before its URL expired',
        artifact: null,
      });
    }
    expect(await objectsOf(uploaded.version.id)).toEqual([]);
    expect((await versionOf(done.id)).status).toBe('READY');
    expect(await objectsOf(done.id)).toEqual([done.artifact!.key]);
    expect(await countRows(registry, 'pending_object_deletions')).toBe(0);
  });

  it('refuses to complete an expired version (CONFLICT) and keeps it EXPIRED', async () => {
    const upload = await createVersion(registry, owner, modelId);
    await sweep(registry, hoursFromNow(2));
    await put(upload.uploadUrl, file);
    expect(errorsOf(await complete(registry, owner, upload.version.id))).toEqual([{ code: 'CONFLICT' }]);
    expect((await versionOf(upload.version.id)).status).toBe('EXPIRED');
  });

  it('expires each version once when several replicas sweep at the same time', async () => {
    const model = await createModel(registry, owner, { name: 'swept-by-many' });
    for (let i = 0; i < 5; i++) await createVersion(registry, owner, model.id);
    const results = await Promise.all(Array.from({ length: 4 }, () => sweep(registry, hoursFromNow(3))));
    expect(results.reduce((sum, r) => sum + r.expiredVersions, 0)).toBe(5);
    expect(
      await countRows(registry, 'model_versions', "model_id = ? and status = 'EXPIRED'", [model.id]),
    ).toBe(5);
  });

  it('removes a file PUT again through a still-valid URL after the version was refused', async () => {
    const upload = await createVersion(registry, owner, modelId);
    await put(upload.uploadUrl, Buffer.from('not onnx'));
    expect(errorsOf(await complete(registry, owner, upload.version.id))).toEqual([
      { code: 'BAD_USER_INPUT', field: 'versionId' },
    ]);
    expect(await objectsOf(upload.version.id)).toEqual([]);
    // The URL still works for the rest of its hour: the removal stays queued until it cannot be used any more.
    await put(upload.uploadUrl, file);
    await sweep(registry, hoursFromNow(0.5));
    const [staged] = await objectsOf(upload.version.id);
    expect(staged).toMatch(new RegExp(`^staging/${owner.organizationId}/${modelId}/${upload.version.id}/`));
    await sweep(registry, hoursFromNow(1.3));
    expect(await objectsOf(upload.version.id)).toEqual([]);
    expect(await countRows(registry, 'pending_object_deletions', 'key = ?', [staged])).toBe(0);
  });
});

describe('registry model versions: the sweeper in the registry process', () => {
  it('expires abandoned uploads on its own', async () => {
    // URLs that expire at once and no grace: the first sweep finds the version abandoned.
    const registry = await startRegistry(
      { dialect: 'postgresql' },
      { sweepIntervalMs: 50, uploadTtlSeconds: 1, completionGraceSeconds: 0 },
    );
    try {
      const owner = member('OWNER');
      const model = await createModel(registry, owner, { name: 'self-swept' });
      const upload = await createVersion(registry, owner, model.id);
      const deadline = Date.now() + 10_000;
      let status = upload.version.status;
      while (status !== 'EXPIRED' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const read = await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, {
          id: upload.version.id,
        });
        status = dataOf(read).modelVersion.status;
      }
      expect(status).toBe('EXPIRED');
    } finally {
      await registry.stop();
    }
  });
});

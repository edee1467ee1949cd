import { createHash } from 'node:crypto';
import { expectPresignedFor } from '../../../../test/support/presigned-url';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Caller } from '../../../../lib/caller';
import type { ObjectStore, PresignedPutOptions } from '../../../../lib/object-store/object-store';
import { linearRegressionOnnx, logisticRegressionOnnx } from '../../../../test/fixtures/onnx/sklearn';
import {
  complete,
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
  uploadVersion,
  useRegistry,
  type RegistryHarness,
  type VersionView,
} from '../../../../test/support/harness/version';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const DOWNLOAD = `query ($id: ID!, $s: Int) { modelVersion(id: $id) { artifact { sha256 downloadUrl(expiresInSeconds: $s) } } }`;

async function download(registry: RegistryHarness, caller: Caller, versionId: string) {
  type Answer = { modelVersion: { artifact: { sha256: string; downloadUrl: string } } };
  const { artifact } = dataOf(
    await registry.call<Answer>(caller, DOWNLOAD, { id: versionId, s: 60 }),
  ).modelVersion;
  const response = await fetch(artifact.downloadUrl);
  return { sha256: artifact.sha256, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * Hooks the tests arm on the registry's object store: what a URL holder does while a completion runs (once the
 * registry has read the bytes it checks), and the options each PUT URL is signed with.
 */
function instrumented() {
  const hooks = {
    afterRead: undefined as (() => Promise<void>) | undefined,
    signed: [] as (PresignedPutOptions | undefined)[],
    decorate: (store: ObjectStore): ObjectStore => {
      const wrapped: ObjectStore = Object.create(store) as ObjectStore;
      wrapped.getObject = async (bucket, key) => {
        const bytes = await buffer(await store.getObject(bucket, key));
        await hooks.afterRead?.();
        return Readable.from([bytes]);
      };
      wrapped.presignedPutUrl = (bucket, key, seconds, options) => {
        hooks.signed.push(options);
        return store.presignedPutUrl(bucket, key, seconds, options);
      };
      return wrapped;
    },
  };
  return hooks;
}

describe('registry model versions: a READY file is immutable', () => {
  const hooks = instrumented();
  const registry = useRegistry({ dialect: 'postgresql', objectStore: hooks.decorate });
  const owner = member('OWNER');
  const validated = linearRegressionOnnx({ features: 4 });
  const other = logisticRegressionOnnx({ features: 4, labels: ['a', 'b'] });
  let modelId: string;

  beforeAll(async () => {
    modelId = (await createModel(registry, owner, { name: 'immutable' })).id;
  });
  afterEach(() => {
    hooks.afterRead = undefined;
  });

  it('changes nothing when other bytes are PUT to the upload URL after the version is READY', async () => {
    const upload = await createVersion(registry, owner, modelId);
    await put(upload.uploadUrl, validated);
    const ready = dataOf(await complete(registry, owner, upload.version.id)).completeModelVersionUpload;
    expect(ready.artifact!.sha256).toBe(sha256(validated));

    // The URL still works for the rest of its hour: what it writes is a staging key, never the version's file.
    await put(upload.uploadUrl, other);
    expect(await download(registry, owner, ready.id)).toEqual({
      sha256: sha256(validated),
      bytes: validated,
    });
    const again = dataOf(await complete(registry, owner, ready.id)).completeModelVersionUpload;
    expect(again.artifact).toEqual(ready.artifact);
    expect(new URL(upload.uploadUrl).pathname).not.toContain(ready.artifact!.key);

    // Once the URL has run out, the sweeper removes what it wrote; the version's file stays.
    await sweep(registry, hoursFromNow(1.3));
    expect(await modelObjects(registry, owner.organizationId, modelId, ready.id)).toEqual([
      ready.artifact!.key,
    ]);
    expect((await download(registry, owner, ready.id)).bytes).toEqual(validated);
  });

  it('keeps the bytes it checked when the upload URL writes others while the completion runs', async () => {
    const upload = await createVersion(registry, owner, modelId);
    await put(upload.uploadUrl, validated);
    // Once the checked bytes are read, before the completion commits: a file that would fail the check
    // replaces the staged one. Checking the staged object and then copying it would keep these bytes.
    hooks.afterRead = async () => {
      hooks.afterRead = undefined;
      await put(upload.uploadUrl, Buffer.from('not onnx at all'));
    };
    const ready = dataOf(await complete(registry, owner, upload.version.id)).completeModelVersionUpload;
    expect(ready).toMatchObject({ status: 'READY', artifact: { sha256: sha256(validated) } });
    expect((await download(registry, owner, ready.id)).bytes).toEqual(validated);
  });

  it('leaves one file when two completions of one upload run at once', async () => {
    const upload = await createVersion(registry, owner, modelId);
    await put(upload.uploadUrl, validated);
    const results = await Promise.all([
      complete(registry, owner, upload.version.id),
      complete(registry, owner, upload.version.id),
    ]);
    const [first, second] = results.map((r) => dataOf(r).completeModelVersionUpload);
    expect(second.artifact).toEqual(first.artifact);
    expect(await modelObjects(registry, owner.organizationId, modelId, first.id)).toEqual([
      first.artifact!.key,
    ]);
  });

  it('signs every upload URL with the size limit, for stores that can enforce it at the PUT', async () => {
    hooks.signed.length = 0;
    await createVersion(registry, owner, modelId);
    expect(hooks.signed).toEqual([{ maxBytes: 2 ** 31 - 1 }]);
  });

  it('refuses download URLs that would outlive an hour, naming the argument', async () => {
    const version = await uploadVersion(registry, owner, modelId, validated);
    const refused = await registry.call(owner, DOWNLOAD, { id: version.id, s: 3601 });
    expect(errorsOf(refused)).toEqual([{ code: 'BAD_USER_INPUT', field: 'expiresInSeconds' }]);
    expect(refused.errors![0].message).toBe('expiresInSeconds must be between 1 and 3600');
    const longest = await registry.call<{ modelVersion: { artifact: { downloadUrl: string } } }>(
      owner,
      DOWNLOAD,
      { id: version.id, s: 3600 },
    );
    expectPresignedFor(dataOf(longest).modelVersion.artifact.downloadUrl, 3600);
  });
});

describe('registry model versions: the upload size limit (MAX_MODEL_UPLOAD_BYTES)', () => {
  const hooks = instrumented();
  const registry = useRegistry({
    dialect: 'postgresql',
    env: { MAX_MODEL_UPLOAD_BYTES: '1000' },
    objectStore: hooks.decorate,
  });
  const owner = member('OWNER');

  it('signs the upload URL with the limit and refuses a larger file at completion: INVALID, file removed', async () => {
    const model = await createModel(registry, owner, { name: 'bounded' });
    hooks.signed.length = 0;
    const upload = await createVersion(registry, owner, model.id);
    expect(hooks.signed).toEqual([{ maxBytes: 1000 }]);
    // A store that cannot bound a PUT (S3) stores whatever comes: written here as such a PUT would.
    await put(upload.uploadUrl, Buffer.from('small'));
    const [staged] = await modelObjects(registry, owner.organizationId, model.id, upload.version.id);
    const large = linearRegressionOnnx({ features: 400 });
    expect(large.length).toBeGreaterThan(1000);
    await registry.infrastructure.objectStore.putObject('models', staged, large);

    const result = await complete(registry, owner, upload.version.id);
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'versionId' }]);
    const reason = `the file has ${large.length} bytes; at most 1000 are accepted`;
    expect(result.errors![0].message).toBe(`The uploaded file was refused: ${reason}`);
    const after = dataOf(
      await registry.call<{ modelVersion: VersionView }>(owner, GET_VERSION, { id: upload.version.id }),
    ).modelVersion;
    expect(after).toMatchObject({ status: 'INVALID', statusReason: reason, artifact: null });
    expect(await modelObjects(registry, owner.organizationId, model.id, upload.version.id)).toEqual([]);
  });
});

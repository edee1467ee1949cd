import { createHash } from 'node:crypto';
import type { ObjectStore, PresignedPutOptions } from '../../../../lib/object-store/object-store';
import {
  completeUpload,
  createDataset,
  datasetObjects,
  getDataset,
  putFile,
  uploadDataset,
} from '../../../../test/support/harness/dataset';
import { errorsOf, expectData, member, useRegistry } from '../../../../test/support/harness/registry';
import { hoursFromNow, sweep } from '../../../../test/support/harness/version';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const DOWNLOAD = `query ($id: ID!) { dataset(id: $id) { status sha256 downloadUrl(expiresInSeconds: 60) } }`;
type Download = { dataset: { status: string; sha256: string | null; downloadUrl: string | null } };

const PROFILED = 'x,label\n1,a\n2,b\n3,a\n';
const POISONED = 'x,label\n100,b\n200,b\n300,b\n400,b\n';

/** Records the options every PUT URL is signed with. */
function signedOptions() {
  const signed: (PresignedPutOptions | undefined)[] = [];
  const decorate = (store: ObjectStore): ObjectStore => {
    const wrapped: ObjectStore = Object.create(store) as ObjectStore;
    wrapped.presignedPutUrl = (bucket, key, seconds, options) => {
      signed.push(options);
      return store.presignedPutUrl(bucket, key, seconds, options);
    };
    return wrapped;
  };
  return { signed, decorate };
}

describe('registry datasets: a READY file is immutable', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');

  const downloaded = async (id: string) => {
    const { dataset } = await expectData<Download>(registry, owner, DOWNLOAD, { id });
    return { sha256: dataset.sha256, text: await (await fetch(dataset.downloadUrl!)).text() };
  };

  it('changes nothing when another file is PUT to the upload URL after the dataset is READY', async () => {
    const { upload, result } = await uploadDataset(registry, owner, 'profiled', PROFILED);
    expect(result.data!.completeDatasetUpload).toMatchObject({ status: 'READY', rowCount: 3 });
    expect(await downloaded(upload.dataset.id)).toEqual({ sha256: sha256(PROFILED), text: PROFILED });

    await putFile(upload.uploadUrl, POISONED);
    expect(await downloaded(upload.dataset.id)).toEqual({ sha256: sha256(PROFILED), text: PROFILED });
    const again = await completeUpload(registry, owner, upload.dataset.id);
    expect(again.data!.completeDatasetUpload).toMatchObject({ status: 'READY', rowCount: 3 });
    expect((await getDataset(registry, owner, upload.dataset.id)).rowCount).toBe(3);

    // Once the URL has run out, the sweeper removes what it wrote; the profiled file stays.
    await sweep(registry, hoursFromNow(1.3));
    const objects = await datasetObjects(registry, owner.organizationId, upload.dataset.id);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatch(
      new RegExp(`^${owner.organizationId}/${upload.dataset.id}/[0-9a-f]{32}/data.csv$`),
    );
    expect((await downloaded(upload.dataset.id)).text).toBe(PROFILED);
  });

  it('removes a refused upload at once and gives it no download URL; a corrected PUT to the same URL completes', async () => {
    const { upload, result } = await uploadDataset(registry, owner, 'ragged', 'a,b\n1\n');
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
    const failed = await expectData<Download>(registry, owner, DOWNLOAD, { id: upload.dataset.id });
    expect(failed.dataset).toEqual({ status: 'FAILED', sha256: null, downloadUrl: null });
    expect(await datasetObjects(registry, owner.organizationId, upload.dataset.id)).toEqual([]);

    await putFile(upload.uploadUrl, PROFILED);
    const retried = await completeUpload(registry, owner, upload.dataset.id);
    expect(retried.data!.completeDatasetUpload.status).toBe('READY');
    expect(await downloaded(upload.dataset.id)).toEqual({ sha256: sha256(PROFILED), text: PROFILED });
  });
});

describe('registry datasets: the upload size limit (MAX_DATASET_UPLOAD_BYTES)', () => {
  const store = signedOptions();
  const registry = useRegistry({
    dialect: 'postgresql',
    env: { MAX_DATASET_UPLOAD_BYTES: '64' },
    objectStore: store.decorate,
  });
  const owner = member('OWNER');

  it('signs the upload URL with the limit and refuses a larger file at completion: FAILED, file removed', async () => {
    const upload = await createDataset(registry, owner, { name: 'bounded' });
    expect(store.signed).toEqual([{ maxBytes: 64 }]);
    // A store that cannot bound a PUT (S3) stores whatever comes: written here as such a PUT would.
    await putFile(upload.uploadUrl, 'a\n1\n');
    const [staged] = await datasetObjects(registry, owner.organizationId, upload.dataset.id);
    await registry.infrastructure.objectStore.putObject('datasets', staged, Buffer.from(POISONED.repeat(3)));

    const result = await completeUpload(registry, owner, upload.dataset.id);
    const reason = `the file has ${POISONED.length * 3} bytes; at most 64 are accepted`;
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
    expect(result.errors![0].message).toBe(`Dataset "bounded" is not a usable CSV file: ${reason}`);
    expect(await getDataset(registry, owner, upload.dataset.id)).toMatchObject({
      status: 'FAILED',
      error: reason,
      sizeBytes: null,
    });
    expect(await datasetObjects(registry, owner.organizationId, upload.dataset.id)).toEqual([]);
  });
});

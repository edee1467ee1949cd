import {
  createDataset,
  datasetObjects,
  GET_DATASET,
  putFile,
  type DatasetView,
} from '../../../../test/support/harness/dataset';
import {
  countRows,
  dataOf,
  hoursFromNow,
  member,
  sweep,
  useRegistry,
} from '../../../../test/support/harness/version';

describe('registry datasets: uploads that never complete', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');

  const datasetOf = async (id: string) =>
    dataOf(await registry.call<{ dataset: DatasetView }>(owner, GET_DATASET, { id })).dataset;
  const fileExists = async (id: string) =>
    (await datasetObjects(registry, owner.organizationId, id)).length > 0;

  it('marks a dataset whose upload never completed FAILED with the reason, and removes a file uploaded too late', async () => {
    const uploadedOnly = await createDataset(registry, owner, { name: 'uploaded-never-completed' });
    await putFile(uploadedOnly.uploadUrl, 'a,b\n1,2\n');
    expect(await fileExists(uploadedOnly.dataset.id)).toBe(true);
    const neverUploaded = await createDataset(registry, owner, { name: 'never-uploaded' });

    await sweep(registry, hoursFromNow(1.2));
    expect((await datasetOf(uploadedOnly.dataset.id)).status).toBe('PENDING');

    const result = await sweep(registry, hoursFromNow(1.3));
    expect(result.expiredDatasets).toBeGreaterThanOrEqual(2);
    for (const { dataset } of [uploadedOnly, neverUploaded]) {
      expect(await datasetOf(dataset.id)).toMatchObject({
        status: 'FAILED',
        error: 'The upload was not completed before its URL expired',
      });
    }
    expect(await fileExists(uploadedOnly.dataset.id)).toBe(false);
    expect(await countRows(registry, 'pending_object_deletions')).toBe(0);
  });
});

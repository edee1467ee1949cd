import {
  DELETE_DATASET,
  GET_DATASET,
  readyDataset,
  uploadDataset,
} from '../../../../test/support/harness/dataset';
import { errorsOf, member, useRegistry } from '../../../../test/support/harness/registry';

describe('registry datasets on SQLite (embedded mode)', () => {
  const registry = useRegistry({ dialect: 'sqlite' });
  const owner = member('OWNER');

  it('creates, profiles, lists, samples and deletes a dataset', async () => {
    const dataset = await readyDataset(registry, owner, 'lite', 'x,label\n1,a\n2,b\n3,a\n');
    expect(dataset).toMatchObject({ status: 'READY', rowCount: 3 });
    expect(dataset.columns[0]).toMatchObject({ name: 'x', type: 'NUMBER', min: 1, max: 3, mean: 2 });

    const listed = await registry.call<{
      datasets: { totalCount: number; edges: { node: { id: string; referenceSample: { size: number } } }[] };
    }>(owner, `{ datasets { totalCount edges { node { id referenceSample { size } } } } }`);
    expect(listed.data!.datasets).toEqual({
      totalCount: 1,
      edges: [{ node: { id: dataset.id, referenceSample: { size: 3 } } }],
    });

    expect((await registry.call(owner, DELETE_DATASET, { id: dataset.id })).data).toEqual({
      deleteDataset: true,
    });
    expect(errorsOf(await registry.call(owner, GET_DATASET, { id: dataset.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
  });

  it('marks a broken file FAILED with its reason', async () => {
    const { upload, result } = await uploadDataset(registry, owner, 'ragged', 'a,b\n1\n');
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
    const stored = await registry.call<{ dataset: { status: string; error: string } }>(owner, GET_DATASET, {
      id: upload.dataset.id,
    });
    expect(stored.data!.dataset).toMatchObject({
      status: 'FAILED',
      error: 'line 2, column 2: expected 2 fields as in the header, found 1 (no value for "b")',
    });
  });
});

import type { AuthenticatedCaller } from '../../../lib/caller';
import type { EntityManager } from '../../../lib/database';
import type { ObjectStore } from '../../../lib/object-store/object-store';
import { DatasetService, type DatasetUsage } from '../dataset/dataset.service';
import { requestEntityManager } from '../request-scope';
import { DELETE_DATASET, GET_DATASET, readyDataset, type DatasetView } from './dataset-harness';
import { errorsOf, member, startRegistry, type RegistryHarness } from './registry-harness';

const noJobs: DatasetUsage = { unfinishedTrainingJobs: async () => [] };

/** The store, with `removeObjects` failing its first `failures` calls (Infinity: always). */
function withFailingRemovals(store: ObjectStore, failures: number) {
  const calls = { removals: 0 };
  const proxy = new Proxy(store, {
    get(target, property) {
      if (property === 'removeObjects') {
        return async (bucket: string, keys: string[]) => {
          calls.removals++;
          if (calls.removals <= failures) throw new Error('S3 is unavailable');
          return target.removeObjects(bucket, keys);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, calls };
}

describe('registry datasets: deleting removes the row, then the file, and leaves no orphan', () => {
  let registry: RegistryHarness;
  const store = () => registry.infrastructure.objectStore;
  const keyOf = (caller: AuthenticatedCaller, dataset: DatasetView) =>
    `${caller.organizationId}/${dataset.id}/data.csv`;
  const service = (
    caller: AuthenticatedCaller,
    options: { store?: ObjectStore; usage?: DatasetUsage } = {},
  ) =>
    new DatasetService(requestEntityManager(registry.subgraph.orm, caller), caller, {
      store: store(),
      usage: noJobs,
      ...options,
    });

  beforeAll(async () => {
    registry = await startRegistry({ dialect: 'postgresql' });
  });
  afterAll(async () => {
    await registry?.stop();
  });

  it('deletes the dataset and its file: the download URL handed out before answers 404', async () => {
    const owner = member('OWNER');
    const dataset = await readyDataset(registry, owner, 'doomed', 'a\n1\n');
    const download = await registry.call<{ dataset: { downloadUrl: string } }>(
      owner,
      `query ($id: ID!) { dataset(id: $id) { downloadUrl(expiresInSeconds: 60) } }`,
      { id: dataset.id },
    );
    const url = download.data!.dataset.downloadUrl;
    expect(new URL(url).searchParams.get('X-Amz-Expires')).toBe('60');
    expect(await (await fetch(url)).text()).toBe('a\n1\n');

    const deleted = await registry.call<{ deleteDataset: boolean }>(owner, DELETE_DATASET, {
      id: dataset.id,
    });
    expect(deleted.data).toEqual({ deleteDataset: true });
    expect(errorsOf(await registry.call(owner, GET_DATASET, { id: dataset.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    expect(await store().statObject('datasets', keyOf(owner, dataset))).toBeUndefined();
    expect((await fetch(url)).status).toBe(404);
  });

  it('bounds the download URL to 1 to 3600 seconds, and has none while the dataset is PENDING', async () => {
    const owner = member('OWNER');
    const dataset = await readyDataset(registry, owner, 'bounded', 'a\n1\n');
    for (const seconds of [0, 3601]) {
      const result = await registry.call(
        owner,
        `query ($id: ID!, $s: Int!) { dataset(id: $id) { downloadUrl(expiresInSeconds: $s) } }`,
        { id: dataset.id, s: seconds },
      );
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'expiresInSeconds' }]);
    }
    const pending = await registry.call<{ createDataset: { dataset: { downloadUrl: string | null } } }>(
      owner,
      `mutation { createDataset(input: { name: "pending" }) { dataset { downloadUrl } } }`,
    );
    expect(pending.data!.createDataset.dataset.downloadUrl).toBeNull();
  });

  it('refuses (CONFLICT) to delete a dataset that unfinished training jobs use, keeping row and file', async () => {
    const owner = member('OWNER');
    const dataset = await readyDataset(registry, owner, 'in use', 'a\n1\n');
    let askedInTransaction: boolean | undefined;
    const usage: DatasetUsage = {
      unfinishedTrainingJobs: async (em: EntityManager, datasetId: string) => {
        askedInTransaction = em.isInTransaction();
        return datasetId === dataset.id ? ['job-1', 'job-2'] : [];
      },
    };
    const refusal = await service(owner, { usage })
      .delete(dataset.id)
      .catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      message:
        'Dataset "in use" is used by unfinished training jobs (job-1, job-2); cancel them or let them finish first',
      extensions: { code: 'CONFLICT' },
    });
    expect(askedInTransaction).toBe(true);
    expect(errorsOf(await registry.call(owner, GET_DATASET, { id: dataset.id }))).toEqual([]);
    expect(await store().statObject('datasets', keyOf(owner, dataset))).toBeDefined();
  });

  it('retries a failed removal of the file', async () => {
    const owner = member('OWNER');
    const dataset = await readyDataset(registry, owner, 'flaky', 'a\n1\n');
    const flaky = withFailingRemovals(store(), 2);
    expect(await service(owner, { store: flaky.store }).delete(dataset.id)).toBe(true);
    expect(flaky.calls.removals).toBe(3);
    expect(await store().statObject('datasets', keyOf(owner, dataset))).toBeUndefined();
  });

  it('removes, when the registry starts again, a file whose removal kept failing; other objects stay', async () => {
    const owner = member('OWNER');
    const orphaned = await readyDataset(registry, owner, 'orphaned', 'a\n1\n');
    const kept = await readyDataset(registry, owner, 'kept', 'a\n2\n');
    await store().putObject('datasets', 'notes/readme.txt', Buffer.from('not a dataset'));
    const broken = withFailingRemovals(store(), Infinity);
    expect(await service(owner, { store: broken.store }).delete(orphaned.id)).toBe(true);
    expect(await store().statObject('datasets', keyOf(owner, orphaned))).toBeDefined();

    await registry.restart();

    expect(await store().statObject('datasets', keyOf(owner, orphaned))).toBeUndefined();
    expect(await store().statObject('datasets', keyOf(owner, kept))).toBeDefined();
    expect(await store().statObject('datasets', 'notes/readme.txt')).toBeDefined();
  });
});

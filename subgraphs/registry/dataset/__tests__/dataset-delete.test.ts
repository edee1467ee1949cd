import type { EntityManager } from '../../../../lib/database';
import { createLogger } from '../../../../lib/logger';
import { ArtifactStorage } from '../../artifact/artifact-storage';
import { DatasetService, type DatasetUsage } from '../dataset.service';
import { RegistryRequest } from '../../registry-request';
import {
  createDataset,
  datasetObjects,
  DELETE_DATASET,
  GET_DATASET,
  putFile,
  readyDataset,
} from '../../../../test/support/harness/dataset';
import { errorsOf, member, useRegistry } from '../../../../test/support/harness/registry';
import { failingRemovals } from '../../../../test/support/failing-removals';
import { countRows, sweep } from '../../../../test/support/harness/version';
import { expectPresignedFor } from '../../../../test/support/presigned-url';

describe('registry datasets: deleting removes the row and queues the file, which is removed; no orphan', () => {
  const removals = failingRemovals();
  const registry = useRegistry({ dialect: 'postgresql', objectStore: removals.decorate });
  const owner = member('OWNER');
  /** Whether the dataset has an object: its staged upload or its profiled file. */
  const exists = async (id: string) => (await datasetObjects(registry, owner.organizationId, id)).length > 0;
  /** Queued removals of the dataset's objects. */
  const queued = (id: string) => countRows(registry, 'pending_object_deletions', 'key like ?', [`%/${id}/%`]);
  const hoursLater = (hours: number) => new Date(Date.now() + hours * 3600_000);

  it('deletes the dataset and its file: the download URL handed out before answers 404', async () => {
    const dataset = await readyDataset(registry, owner, 'doomed', 'a\n1\n');
    const download = await registry.call<{ dataset: { downloadUrl: string } }>(
      owner,
      `query ($id: ID!) { dataset(id: $id) { downloadUrl(expiresInSeconds: 60) } }`,
      { id: dataset.id },
    );
    const url = download.data!.dataset.downloadUrl;
    expectPresignedFor(url, 60);
    expect(await (await fetch(url)).text()).toBe('a\n1\n');

    const deleted = await registry.call<{ deleteDataset: boolean }>(owner, DELETE_DATASET, {
      id: dataset.id,
    });
    expect(deleted.data).toEqual({ deleteDataset: true });
    expect(errorsOf(await registry.call(owner, GET_DATASET, { id: dataset.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    expect(await exists(dataset.id)).toBe(false);
    expect((await fetch(url)).status).toBe(404);
  });

  it('bounds the download URL to 1 to 3600 seconds, and has none while the dataset is PENDING', async () => {
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

  it('keeps the removal queued while S3 fails; the sweeper removes the file later', async () => {
    const dataset = await readyDataset(registry, owner, 'outage', 'a\n1\n');
    removals.failures = 1;
    const deleted = await registry.call(owner, DELETE_DATASET, { id: dataset.id });
    expect(deleted.data).toEqual({ deleteDataset: true });
    expect(await exists(dataset.id)).toBe(true);
    // The file's removal, failed, and the staged upload's second removal, due once its URL has run out.
    expect(await queued(dataset.id)).toBe(2);

    await sweep(registry, hoursLater(2));
    expect(await exists(dataset.id)).toBe(false);
    expect(await queued(dataset.id)).toBe(0);
  });

  it('removes a file PUT through the upload URL after the dataset was deleted, once the URL has run out', async () => {
    const { dataset, uploadUrl } = await createDataset(registry, owner, { name: 'late upload' });
    expect((await registry.call(owner, DELETE_DATASET, { id: dataset.id })).data).toEqual({
      deleteDataset: true,
    });
    await putFile(uploadUrl, 'a\n1\n');
    expect(await exists(dataset.id)).toBe(true);

    await sweep(registry, hoursLater(2));
    expect(await exists(dataset.id)).toBe(false);
    expect(await queued(dataset.id)).toBe(0);
  });

  it('refuses (CONFLICT) to delete a dataset that unfinished training jobs use, keeping row and file', async () => {
    const dataset = await readyDataset(registry, owner, 'in use', 'a\n1\n');
    let askedInTransaction: boolean | undefined;
    const usage: DatasetUsage = {
      unfinishedTrainingJobs: async (em: EntityManager, datasetId: string) => {
        askedInTransaction = em.isInTransaction();
        return datasetId === dataset.id ? ['job-1', 'job-2'] : [];
      },
    };
    const orm = registry.subgraph.orm;
    const store = registry.infrastructure.objectStore;
    const request = new RegistryRequest(orm, owner);
    const service = new DatasetService(request, {
      store,
      removals: new ArtifactStorage(store, orm, createLogger('dataset-test', 'silent')),
      usage,
    });
    const refusal = await service.delete(dataset.id).catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      message:
        'Dataset "in use" is used by unfinished training jobs (job-1, job-2); cancel them or let them finish first',
      extensions: { code: 'CONFLICT' },
    });
    expect(askedInTransaction).toBe(true);
    expect(errorsOf(await registry.call(owner, GET_DATASET, { id: dataset.id }))).toEqual([]);
    expect(await exists(dataset.id)).toBe(true);
    // Only the staged upload's second removal (queued when the dataset became READY), not the file's.
    expect(await queued(dataset.id)).toBe(1);
  });
});

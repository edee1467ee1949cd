/** @jest-environment ./test/onnxruntime-environment.ts */
import { readFileSync } from 'node:fs';
import { datasetFixturePath } from '../../../../test/fixtures/datasets';
import { datasetObjects, putFile, uploadDataset } from '../../../../test/support/harness/dataset';
import {
  createModel,
  member,
  startRegistry,
  type RegistryHarness,
} from '../../../../test/support/harness/registry';
import { startJob, startWorker, waitForJob } from '../../../../test/support/harness/training-job';
import type { TrainingWorker } from '../training-worker';

const IRIS = readFileSync(datasetFixturePath('iris'), 'utf8');
/** The same columns, other measurements: a file that trains as well, so only the hash can tell. */
const POISONED = IRIS.replace(/^(\d+(?:\.\d+)?)/gm, '9.9');

describe('training jobs read the dataset file that was profiled', () => {
  let registry: RegistryHarness;
  let worker: TrainingWorker;
  const owner = member('OWNER');

  beforeAll(async () => {
    registry = await startRegistry({ dialect: 'postgresql' });
    worker = await startWorker(registry);
  });
  afterAll(async () => {
    await worker?.stop();
    await registry?.stop();
  });

  /** A READY iris dataset, its upload URL, and a model to train on it. */
  async function irisSetup(name: string) {
    const model = await createModel(registry, owner, { name });
    const { upload, result } = await uploadDataset(registry, owner, `${name}-data`, IRIS);
    expect(result.errors).toBeUndefined();
    const [file] = await datasetObjects(registry, owner.organizationId, upload.dataset.id);
    return { modelId: model.id, datasetId: upload.dataset.id, uploadUrl: upload.uploadUrl, file };
  }

  async function train(modelId: string, datasetId: string) {
    const started = await startJob(registry, owner, {
      modelId,
      datasetId,
      targetColumn: 'target',
      algorithm: 'LOGISTIC_REGRESSION',
      featureColumns: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
      hyperparameters: { epochs: 5, seed: 1 },
    });
    expect(started.errors).toBeUndefined();
    return waitForJob(registry, owner, started.data!.startTrainingJob.id, ['SUCCEEDED', 'FAILED']);
  }

  it('trains on the profiled file when other bytes were PUT to the upload URL afterwards', async () => {
    const { modelId, datasetId, uploadUrl } = await irisSetup('late-put');
    await putFile(uploadUrl, 'target\nnothing\n');
    expect(await train(modelId, datasetId)).toMatchObject({ status: 'SUCCEEDED', error: null });
  });

  it('fails the job, with the reason, when the profiled file was replaced in the store', async () => {
    const { modelId, datasetId, file } = await irisSetup('swapped');
    await registry.infrastructure.objectStore.putObject('datasets', file, Buffer.from(POISONED));
    const job = await train(modelId, datasetId);
    expect(job.status).toBe('FAILED');
    expect(job.error).toMatch(
      /^the dataset file was changed after it was profiled: its SHA-256 is [0-9a-f]{64}/,
    );
    expect(job.resultVersion).toBeNull();
  });

  it('reads a dataset completed before hashes were recorded without a check', async () => {
    const { modelId, datasetId, file } = await irisSetup('legacy');
    await registry.subgraph.orm.em
      .getConnection()
      .execute('update registry.datasets set sha256 = null where id = ?', [datasetId]);
    await registry.infrastructure.objectStore.putObject('datasets', file, Buffer.from(POISONED));
    expect((await train(modelId, datasetId)).status).toBe('SUCCEEDED');
  });
});

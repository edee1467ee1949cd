import { readFileSync } from 'node:fs';
import { readyDataset, createDataset, DELETE_DATASET } from '../../../../test/support/harness/dataset';
import { datasetFixturePath } from '../../../../test/fixtures/datasets';
import { createModel, errorsOf, member, useRegistry } from '../../../../test/support/harness/registry';
import { CANCEL_JOB, getJob, startJob, type JobView } from '../../../../test/support/harness/training-job';

const iris = readFileSync(datasetFixturePath('iris'));

describe('registry training jobs: starting checks everything before anything is queued', () => {
  const registry = useRegistry({ dialect: 'postgresql' });
  const owner = member('OWNER');
  let classifier: string;
  let regressor: string;
  let dataset: string;
  const valid = () => ({
    modelId: classifier,
    datasetId: dataset,
    targetColumn: 'target',
    featureColumns: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
    algorithm: 'LOGISTIC_REGRESSION',
  });
  const jobCount = async () => {
    const result = await registry.call<{ trainingJobs: { totalCount: number } }>(
      owner,
      '{ trainingJobs { totalCount } }',
    );
    return result.data!.trainingJobs.totalCount;
  };

  beforeAll(async () => {
    classifier = (await createModel(registry, owner, { name: 'iris-classifier' })).id;
    regressor = (await createModel(registry, owner, { name: 'petal-width', taskType: 'REGRESSION' })).id;
    dataset = (await readyDataset(registry, owner, 'iris', iris)).id;
  });

  it('queues a valid job with defaults filled in, and every other column as features when none are named', async () => {
    const result = await startJob(registry, owner, {
      modelId: classifier,
      datasetId: dataset,
      targetColumn: 'target',
      algorithm: 'MLP_CLASSIFIER',
      hyperparameters: { epochs: 5, hiddenLayers: [8, 4] },
    });
    expect(result.errors).toBeUndefined();
    const job = result.data!.startTrainingJob;
    expect(job).toMatchObject({
      status: 'QUEUED',
      progress: 0,
      epoch: 0,
      totalEpochs: 5,
      attempt: 0,
      cancelRequested: false,
      history: [],
      resultVersion: null,
      run: null,
      owner: { id: owner.userId },
      model: { id: classifier },
      dataset: { id: dataset },
      featureColumns: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm', 'split'],
      hyperparameters: {
        epochs: 5,
        learningRate: 0.01,
        batchSize: 32,
        hiddenLayers: [8, 4],
        l2: 0.0001,
        validationSplit: 0.1,
        seed: 0,
        earlyStoppingPatience: 10,
      },
    });
    expect(await getJob(registry, owner, job.id)).toEqual(job);
  });

  const invalid: [string, Record<string, unknown>, string][] = [
    ['an unknown target column', { targetColumn: 'species' }, 'input.targetColumn'],
    ['an unknown feature column', { featureColumns: ['sepal_length_cm', 'colour'] }, 'input.featureColumns'],
    ['the target as a feature', { featureColumns: ['target'] }, 'input.featureColumns'],
    ['a feature twice', { featureColumns: ['split', 'split'] }, 'input.featureColumns'],
    ['no features', { featureColumns: [] }, 'input.featureColumns'],
    ['a regressor on a classification model', { algorithm: 'LINEAR_REGRESSION' }, 'input.algorithm'],
    ['epochs out of range', { hyperparameters: { epochs: 0 } }, 'input.hyperparameters.epochs'],
    [
      'a learning rate out of range',
      { hyperparameters: { learningRate: 2 } },
      'input.hyperparameters.learningRate',
    ],
    [
      'a validation split over one half',
      { hyperparameters: { validationSplit: 0.9 } },
      'input.hyperparameters.validationSplit',
    ],
    ['no hidden layer', { hyperparameters: { hiddenLayers: [] } }, 'input.hyperparameters.hiddenLayers'],
    [
      'a network of more than 10 million parameters',
      { algorithm: 'MLP_CLASSIFIER', hyperparameters: { hiddenLayers: [4096, 4096] } },
      'input.hyperparameters.hiddenLayers',
    ],
  ];
  it.each(invalid)(
    'refuses %s with BAD_USER_INPUT naming the field, and queues nothing',
    async (_case, change, field) => {
      const before = await jobCount();
      const result = await startJob(registry, owner, { ...valid(), ...change });
      expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
      expect(await jobCount()).toBe(before);
    },
  );

  it('refuses a regressor on a CATEGORY target, naming the target', async () => {
    const result = await startJob(registry, owner, {
      ...valid(),
      modelId: regressor,
      algorithm: 'MLP_REGRESSOR',
    });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.targetColumn' }]);
    expect(result.errors![0].message).toMatch(/"target" is CATEGORY; MLP_REGRESSOR predicts a NUMBER column/);
  });

  it('refuses a dataset that is not READY', async () => {
    const pending = await createDataset(registry, owner, { name: 'not-yet' });
    const result = await startJob(registry, owner, { ...valid(), datasetId: pending.dataset.id });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'input.datasetId' }]);
  });

  it('answers NOT_FOUND for a model or dataset of another organization, FORBIDDEN for a viewer', async () => {
    const stranger = member('OWNER');
    expect(errorsOf(await startJob(registry, stranger, valid()))).toEqual([{ code: 'NOT_FOUND' }]);
    const viewer = member('VIEWER', owner.organizationId);
    expect(errorsOf(await startJob(registry, viewer, valid()))).toEqual([{ code: 'FORBIDDEN' }]);
  });

  it('tells a viewer who cancels a job that their role may not change training jobs', async () => {
    const job = (await startJob(registry, owner, valid())).data!.startTrainingJob;
    const viewer = member('VIEWER', owner.organizationId);
    const refused = await registry.call(viewer, CANCEL_JOB, { id: job.id });
    expect(errorsOf(refused)).toEqual([{ code: 'FORBIDDEN' }]);
    expect(refused.errors![0].message).toBe('Your role in this organization may not change training jobs');
  });

  it('keeps a job to its organization', async () => {
    const job = (await startJob(registry, owner, valid())).data!.startTrainingJob;
    const stranger = member('OWNER');
    const read = await registry.call(stranger, `query ($id: ID!) { trainingJob(id: $id) { id } }`, {
      id: job.id,
    });
    expect(errorsOf(read)).toEqual([{ code: 'NOT_FOUND' }]);
    expect(errorsOf(await registry.call(stranger, CANCEL_JOB, { id: job.id }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
  });

  it('cancels a QUEUED job at once; cancelling it again is a CONFLICT', async () => {
    const job = (await startJob(registry, owner, valid())).data!.startTrainingJob;
    const cancelled = await registry.call<{ cancelTrainingJob: JobView }>(owner, CANCEL_JOB, { id: job.id });
    expect(cancelled.data!.cancelTrainingJob).toMatchObject({ status: 'CANCELLED' });
    expect(cancelled.data!.cancelTrainingJob.finishedAt).not.toBeNull();
    expect(errorsOf(await registry.call(owner, CANCEL_JOB, { id: job.id }))).toEqual([{ code: 'CONFLICT' }]);
  });

  it('refuses to delete a dataset or a model while a job of theirs is unfinished', async () => {
    const model = (await createModel(registry, owner, { name: 'busy' })).id;
    const data = (await readyDataset(registry, owner, 'busy-data', iris)).id;
    const job = (await startJob(registry, owner, { ...valid(), modelId: model, datasetId: data })).data!
      .startTrainingJob;
    const deleteModel = `mutation ($id: ID!) { deleteModel(id: $id) }`;
    expect(errorsOf(await registry.call(owner, DELETE_DATASET, { id: data }))).toEqual([
      { code: 'CONFLICT' },
    ]);
    expect(errorsOf(await registry.call(owner, deleteModel, { id: model }))).toEqual([{ code: 'CONFLICT' }]);
    await registry.call(owner, CANCEL_JOB, { id: job.id });
    expect((await registry.call(owner, DELETE_DATASET, { id: data })).data).toEqual({ deleteDataset: true });
    expect((await registry.call(owner, deleteModel, { id: model })).data).toEqual({ deleteModel: true });
  });

  it('lists jobs newest first, filtered by model, dataset and status, a page at a time', async () => {
    const other = (await createModel(registry, owner, { name: 'listed' })).id;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await startJob(registry, owner, { ...valid(), modelId: other })).data!.startTrainingJob.id);
    }
    await registry.call(owner, CANCEL_JOB, { id: ids[0] });
    const page = `query ($filter: TrainingJobFilter, $after: String) {
      trainingJobs(filter: $filter, first: 2, after: $after) {
        totalCount edges { cursor node { id status } } pageInfo { hasNextPage endCursor } } }`;
    type Page = {
      trainingJobs: {
        totalCount: number;
        edges: { node: { id: string; status: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const first = (await registry.call<Page>(owner, page, { filter: { modelId: other } })).data!.trainingJobs;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((e) => e.node.id)).toEqual([ids[2], ids[1]]);
    const second = (
      await registry.call<Page>(owner, page, { filter: { modelId: other }, after: first.pageInfo.endCursor })
    ).data!.trainingJobs;
    expect(second.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const cancelled = (
      await registry.call<Page>(owner, page, { filter: { modelId: other, status: 'CANCELLED' } })
    ).data!.trainingJobs;
    expect(cancelled.edges.map((e) => e.node.id)).toEqual([ids[0]]);
    const none = (await registry.call<Page>(owner, page, { filter: { modelId: 'not-a-uuid' } })).data!
      .trainingJobs;
    expect(none.totalCount).toBe(0);
  });
});

/** @jest-environment ./test/onnxruntime-environment.ts */
import { randomUUID } from 'node:crypto';
import { datasetObjects, readyDataset } from '../../../../test/support/harness/dataset';
import {
  createModel,
  expectData,
  startRegistry,
  type RegistryHarness,
} from '../../../../test/support/harness/registry';
import {
  errorsOf,
  member,
  startSubgraphHarness,
  type SubgraphHarness,
} from '../../../../test/support/harness/subgraph';
import { startWorker } from '../../../../test/support/harness/training-job';
import { uploadVersion } from '../../../../test/support/harness/version';
import { eventually } from '../../../../test/support/eventually';
import { observabilityModule } from '../../module';
import {
  appendPredictions,
  IRIS_FEATURES,
  irisRows,
  predictionEvents,
  shifted,
  trainIris,
} from './drift-setup';

const SET_REFERENCE = 'mutation ($v: ID!, $d: ID!) { setReferenceDataset(versionId: $v, datasetId: $d) }';
const COMPUTE = `mutation ($modelId: ID!) { computeDrift(modelId: $modelId) { sampleSize referenceSize drifted } }`;
const ALERTS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Model { driftAlerts(first: 1) { edges { node { retrainStatus message retrainJob { id } } } } } } }`;

const csvOf = (columns: string[], rows: Record<string, number>[]) =>
  [columns.join(','), ...rows.map((row) => columns.map((c) => row[c]).join(','))].join('\n');

describe('drift: reference samples of uploaded versions (setReferenceDataset)', () => {
  let registry: RegistryHarness;
  let observability: SubgraphHarness;
  const alice = member('MEMBER');
  const stranger = member('OWNER');
  let uploaded: { modelId: string; versionId: string };
  let irisDatasetId: string;

  beforeAll(async () => {
    registry = await startRegistry({ dialect: 'postgresql' });
    observability = await startSubgraphHarness(observabilityModule, {
      dialect: 'postgresql',
      env: { REGISTRY_URL: registry.subgraph.url },
    });
    const worker = await startWorker(registry);
    const trained = await trainIris(registry, alice);
    await worker.stop();
    irisDatasetId = trained.datasetId;
    // The trained model's file uploaded as a version of another model: a version without a training job.
    const { modelVersion } = await expectData<{ modelVersion: { artifact: { downloadUrl: string } } }>(
      registry,
      alice,
      'query ($id: ID!) { modelVersion(id: $id) { artifact { downloadUrl } } }',
      { id: trained.versionId },
    );
    const file = Buffer.from(await (await fetch(modelVersion.artifact.downloadUrl)).arrayBuffer());
    const model = await createModel(registry, alice, {
      name: 'iris-uploaded',
      framework: 'ONNX',
      taskType: 'CLASSIFICATION',
    });
    const version = await uploadVersion(registry, alice, model.id, file, {
      inputSchema: IRIS_FEATURES.map((name) => ({ name, type: 'NUMBER' })),
    });
    uploaded = { modelId: model.id, versionId: version.id };
  }, 120_000);

  afterAll(async () => {
    await observability?.stop();
    await registry?.stop();
  });

  const predict = (count: number) =>
    appendPredictions(
      observability,
      predictionEvents({ organizationId: alice.organizationId, ...uploaded }, shifted(count)),
    );

  it('has no reference until one is set: CONFLICT naming setReferenceDataset', async () => {
    await observability.call(
      alice,
      'mutation ($m: ID!) { setDriftPolicy(modelId: $m, input: { windowSize: 10000 }) { windowSize } }',
      {
        m: uploaded.modelId,
      },
    );
    await predict(40);
    await eventually(async () => {
      const result = await observability.call(alice, COMPUTE, { modelId: uploaded.modelId });
      expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
      expect(result.errors![0].message).toMatch(/uploaded, not trained.*setReferenceDataset/);
    }, 10_000);
  });

  it('names the features the dataset lacks (BAD_USER_INPUT) and keeps no reference', async () => {
    const partial = await readyDataset(
      registry,
      alice,
      'iris-partial',
      csvOf(IRIS_FEATURES.slice(0, 2), irisRows),
    );
    const result = await observability.call(alice, SET_REFERENCE, { v: uploaded.versionId, d: partial.id });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field: 'datasetId' }]);
    expect(result.errors![0].message).toContain('"petal_length_cm", "petal_width_cm"');
    expect(errorsOf(await observability.call(alice, COMPUTE, { modelId: uploaded.modelId }))).toEqual([
      { code: 'CONFLICT' },
    ]);
  });

  it('refuses a reference dataset whose file was replaced after profiling (CONFLICT) and keeps no reference', async () => {
    const dataset = await readyDataset(registry, alice, 'iris-swapped', csvOf(IRIS_FEATURES, irisRows));
    const [file] = await datasetObjects(registry, alice.organizationId, dataset.id);
    const moved = irisRows.map((row) => ({ ...row, petal_length_cm: row.petal_length_cm + 3 }));
    await registry.infrastructure.objectStore.putObject(
      'datasets',
      file,
      Buffer.from(csvOf(IRIS_FEATURES, moved)),
    );
    const result = await observability.call(alice, SET_REFERENCE, { v: uploaded.versionId, d: dataset.id });
    expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
    expect(result.errors![0].message).toMatch(
      /^the reference dataset file was changed after it was profiled/,
    );
    expect(errorsOf(await observability.call(alice, COMPUTE, { modelId: uploaded.modelId }))).toEqual([
      { code: 'CONFLICT' },
    ]);
  });

  it("refuses another organization's version or dataset (NOT_FOUND), and a VIEWER (FORBIDDEN)", async () => {
    const strangers = await readyDataset(registry, stranger, 'theirs', csvOf(IRIS_FEATURES, irisRows));
    expect(
      errorsOf(await observability.call(stranger, SET_REFERENCE, { v: uploaded.versionId, d: strangers.id })),
    ).toEqual([{ code: 'NOT_FOUND' }]);
    expect(
      errorsOf(await observability.call(alice, SET_REFERENCE, { v: uploaded.versionId, d: strangers.id })),
    ).toEqual([{ code: 'NOT_FOUND' }]);
    const viewer = { ...alice, role: 'VIEWER' as const };
    expect(
      errorsOf(await observability.call(viewer, SET_REFERENCE, { v: uploaded.versionId, d: irisDatasetId })),
    ).toEqual([{ code: 'FORBIDDEN' }]);
  });

  it('matches the columns by name and samples a large dataset down to 10,000 rows', async () => {
    // Columns in another order, an extra one, 12,000 rows.
    const big = Array.from({ length: 12_000 }, (_, i) => ({ ...irisRows[i % irisRows.length], extra: i }));
    const dataset = await readyDataset(
      registry,
      alice,
      'iris-big',
      csvOf(['extra', ...[...IRIS_FEATURES].reverse()], big),
    );
    const set = await observability.call(alice, SET_REFERENCE, { v: uploaded.versionId, d: dataset.id });
    expect(set.errors).toBeUndefined();
    expect(set.data).toEqual({ setReferenceDataset: true });
    const result = await observability.call<{
      computeDrift: { sampleSize: number; referenceSize: number; drifted: boolean };
    }>(alice, COMPUTE, { modelId: uploaded.modelId });
    expect(result.data?.computeDrift).toEqual({ sampleSize: 40, referenceSize: 10_000, drifted: true });
  });

  it('says why a drift alert of an uploaded version starts no retrain', async () => {
    const policy = await observability.call(
      alice,
      'mutation ($m: ID!) { setDriftPolicy(modelId: $m, input: { autoRetrain: true }) { autoRetrain } }',
      { m: uploaded.modelId },
    );
    expect(policy.errors).toBeUndefined();
    await observability.call(alice, COMPUTE, { modelId: uploaded.modelId });
    const alerts = await observability.call<{
      _entities: { driftAlerts: { edges: { node: Record<string, unknown> }[] } }[];
    }>(alice, ALERTS, { representations: [{ __typename: 'Model', id: uploaded.modelId }] });
    const alert = alerts.data!._entities[0].driftAlerts.edges[0].node;
    expect(alert).toMatchObject({ retrainStatus: 'NOT_STARTED', retrainJob: null });
    expect(alert.message).toMatch(/was uploaded, not trained/);
  });

  it('refuses a retrain dataset of another organization (NOT_FOUND) and an unknown model', async () => {
    const strangers = await readyDataset(
      registry,
      stranger,
      `x-${randomUUID().slice(0, 6)}`,
      csvOf(IRIS_FEATURES, irisRows),
    );
    const result = await observability.call(
      alice,
      'mutation ($m: ID!, $d: ID) { setDriftPolicy(modelId: $m, input: { retrainDatasetId: $d }) { retrainDatasetId } }',
      { m: uploaded.modelId, d: strangers.id },
    );
    expect(errorsOf(result)).toEqual([{ code: 'NOT_FOUND' }]);
    const unknown = await observability.call(alice, COMPUTE, { modelId: randomUUID() });
    expect(errorsOf(unknown)).toEqual([{ code: 'NOT_FOUND' }]);
  });
});

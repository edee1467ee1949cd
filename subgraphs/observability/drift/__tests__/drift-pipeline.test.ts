/** @jest-environment ./test/onnxruntime-environment.ts */
import { randomUUID } from 'node:crypto';
import type { AuthenticatedCaller } from '../../../../lib/caller';
import { eventually } from '../../../../test/support/eventually';
import { startRegistry, type RegistryHarness } from '../../../../test/support/harness/registry';
import {
  errorsOf,
  member,
  sqlStatements,
  startSubgraphHarness,
  type SubgraphHarness,
} from '../../../../test/support/harness/subgraph';
import { startWorker } from '../../../../test/support/harness/training-job';
import { observabilityModule } from '../../module';
import { DriftWindowRow } from '../window-row.entity';
import {
  appendPredictions,
  IRIS_FEATURES,
  likeTraining,
  predictionEvents,
  shifted,
  trainIris,
  type TrainedModel,
} from './drift-setup';

const REPORTS = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Model { drift { id sampleSize referenceSize drifted version { id } features { feature kind psi ksStatistic pValue drifted } }
    driftReports(first: 50) { totalCount edges { node { id drifted } } }
    driftAlerts(first: 50) { totalCount edges { node { id retrainStatus message retrainJob { id } report { id } } } } } } }`;
const SET_POLICY = `mutation ($modelId: ID!, $input: DriftPolicyInput!) { setDriftPolicy(modelId: $modelId, input: $input) {
  windowSize psiThreshold pValueThreshold autoRetrain autoDeploy retrainDatasetId retrainCooldownMinutes } }`;
const COMPUTE = `mutation ($modelId: ID!) { computeDrift(modelId: $modelId) { id sampleSize drifted } }`;

interface ModelDrift {
  drift: {
    id: string;
    sampleSize: number;
    referenceSize: number;
    drifted: boolean;
    version: { id: string };
    features: {
      feature: string;
      kind: string;
      psi: number;
      ksStatistic: number;
      pValue: number;
      drifted: boolean;
    }[];
  } | null;
  driftReports: { totalCount: number; edges: { node: { id: string; drifted: boolean } }[] };
  driftAlerts: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        retrainStatus: string;
        message: string;
        retrainJob: { id: string } | null;
        report: { id: string };
      };
    }[];
  };
}

describe('drift: windows, reports, alerts and auto-retrain (registry and observability on PostgreSQL)', () => {
  let registry: RegistryHarness;
  let observability: SubgraphHarness;
  let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
  const alice: AuthenticatedCaller = member('MEMBER');
  const stranger = member('OWNER');
  let model: TrainedModel;
  const window = 150;

  beforeAll(async () => {
    registry = await startRegistry({ dialect: 'postgresql' });
    observability = await startSubgraphHarness(observabilityModule, {
      dialect: 'postgresql',
      env: { REGISTRY_URL: registry.subgraph.url, DRIFT_RETRAIN_POLL_MS: '200' },
    });
    worker = await startWorker(registry);
    model = await trainIris(registry, alice);
    await worker.stop();
    worker = undefined;
  }, 120_000);

  afterAll(async () => {
    await worker?.stop();
    await observability?.stop();
    await registry?.stop();
  });

  const driftOf = async (caller = alice, modelId = model.modelId) => {
    const result = await observability.call<{ _entities: ModelDrift[] }>(caller, REPORTS, {
      representations: [{ __typename: 'Model', id: modelId }],
    });
    expect(result.errors).toBeUndefined();
    return result.data!._entities[0];
  };
  const setPolicy = (input: Record<string, unknown>, caller = alice, modelId = model.modelId) =>
    observability.call(caller, SET_POLICY, { modelId, input });
  const predict = (rows: Record<string, number>[]) =>
    appendPredictions(
      observability,
      predictionEvents({ organizationId: alice.organizationId, ...model }, rows),
    );

  it('refuses a policy out of range, naming the field, and writes nothing', async () => {
    for (const [input, field] of [
      [{ windowSize: 29 }, 'input.windowSize'],
      [{ windowSize: 100_001 }, 'input.windowSize'],
      [{ psiThreshold: 0 }, 'input.psiThreshold'],
      [{ pValueThreshold: 1 }, 'input.pValueThreshold'],
      [{ pValueThreshold: 0 }, 'input.pValueThreshold'],
      [{ retrainCooldownMinutes: -1 }, 'input.retrainCooldownMinutes'],
    ] as const) {
      expect(errorsOf(await setPolicy(input))).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    }
    const viewer = { ...alice, role: 'VIEWER' as const };
    expect(errorsOf(await setPolicy({ windowSize: 40 }, viewer))).toEqual([{ code: 'FORBIDDEN' }]);
    expect((await driftOf()).drift).toBeNull();
  });

  it("refuses another organization's model (NOT_FOUND) for every drift operation", async () => {
    expect(errorsOf(await setPolicy({ windowSize: 40 }, stranger))).toEqual([{ code: 'NOT_FOUND' }]);
    expect(errorsOf(await observability.call(stranger, COMPUTE, { modelId: model.modelId }))).toEqual([
      { code: 'NOT_FOUND' },
    ]);
    const reference = await observability.call(
      stranger,
      'mutation ($v: ID!, $d: ID!) { setReferenceDataset(versionId: $v, datasetId: $d) }',
      { v: model.versionId, d: model.datasetId },
    );
    expect(errorsOf(reference)).toEqual([{ code: 'NOT_FOUND' }]);
  });

  it('computes a report on demand only once the window has rows (CONFLICT before)', async () => {
    const result = await observability.call(alice, COMPUTE, { modelId: model.modelId });
    expect(errorsOf(result)).toEqual([{ code: 'CONFLICT' }]);
    expect(result.errors![0].message).toMatch(/no predictions/);
  });

  it('reports each time windowSize rows arrived: the training distribution does not drift, shifted petals do', async () => {
    const policy = await setPolicy({ windowSize: window });
    expect(policy.errors).toBeUndefined();
    await predict(likeTraining(window));
    await eventually(async () => expect((await driftOf()).driftReports.totalCount).toBe(1), 20_000);
    const calm = await driftOf();
    expect(calm.drift).toMatchObject({ sampleSize: window, referenceSize: 150, drifted: false });
    expect(calm.drift!.version.id).toBe(model.versionId);
    expect(calm.drift!.features.map((f) => [f.feature, f.kind])).toEqual(
      IRIS_FEATURES.map((f) => [f, 'NUMERIC']),
    );
    expect(calm.driftAlerts.totalCount).toBe(0);

    await predict(shifted(window));
    await eventually(async () => expect((await driftOf()).driftReports.totalCount).toBe(2), 20_000);
    const drifted = await driftOf();
    expect(drifted.drift!.drifted).toBe(true);
    const petal = drifted.drift!.features.find((f) => f.feature === 'petal_length_cm')!;
    expect(petal.drifted).toBe(true);
    expect(petal.psi).toBeGreaterThan(0.2);
    expect(drifted.driftReports.edges[0].node.id).toBe(drifted.drift!.id);
    // The alert is recorded after the report (with auto-retrain's decision), so it may trail it a little.
    await eventually(async () => expect((await driftOf()).driftAlerts.totalCount).toBe(1), 20_000);
    const alerted = await driftOf();
    expect(alerted.driftAlerts.edges[0].node).toMatchObject({
      retrainStatus: 'DISABLED',
      retrainJob: null,
      report: { id: drifted.drift!.id },
    });
  }, 60_000);

  it('resolves the latest report of 50 models in two SQL queries', async () => {
    const ids = [model.modelId, ...Array.from({ length: 49 }, () => randomUUID())];
    observability.queries.splice(0);
    const result = await observability.call<{ _entities: { drift: { id: string } | null }[] }>(
      alice,
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Model { drift { id drifted } } } }',
      { r: ids.map((id) => ({ __typename: 'Model', id })) },
    );
    expect(result.errors).toBeUndefined();
    // The retrain deployer's poll (every DRIFT_RETRAIN_POLL_MS) may run meanwhile: it is not this request's.
    const requestQueries = sqlStatements(observability.queries).filter(
      (sql) => !sql.includes('pending_deploy_alert_id'),
    );
    expect(requestQueries).toHaveLength(2);
    expect(result.data!._entities[0].drift).not.toBeNull();
    expect(result.data!._entities.slice(1).every((m) => m.drift === null)).toBe(true);
  });

  it('applies a redelivered prediction once: no new rows, no new report', async () => {
    const events = predictionEvents({ organizationId: alice.organizationId, ...model }, shifted(window - 1));
    await appendPredictions(observability, events);
    await appendPredictions(observability, events);
    await appendPredictions(observability, events.slice(0, 5));
    const em = observability.subgraph.orm.em.fork();
    await eventually(async () => {
      const state = await em
        .getConnection()
        .execute<{ rows_since_report: number }[]>(
          'select rows_since_report from observability.drift_states where model_id = ?',
          [model.modelId],
        );
      expect(state[0].rows_since_report).toBe(window - 1);
    }, 10_000);
    expect((await driftOf()).driftReports.totalCount).toBe(2);
    expect(await em.count(DriftWindowRow, { modelId: model.modelId })).toBe(window);
  }, 30_000);

  it('leaves failed predictions out of the window', async () => {
    const failed = predictionEvents({ organizationId: alice.organizationId, ...model }, shifted(5), {
      error: 'boom',
      output: null,
    });
    await appendPredictions(observability, failed);
    const computed = await observability.call<{ computeDrift: { sampleSize: number } }>(alice, COMPUTE, {
      modelId: model.modelId,
    });
    expect(computed.data?.computeDrift.sampleSize).toBe(window);
  });

  it("never shows another organization's reports or alerts", async () => {
    const seen = await driftOf(stranger);
    expect(seen.drift).toBeNull();
    expect(seen.driftReports.totalCount).toBe(0);
    expect(seen.driftAlerts.totalCount).toBe(0);
  });

  it('starts one retrain per alert with the training configuration, then none while it is in flight, then waits for the cooldown', async () => {
    expect((await setPolicy({ autoRetrain: true, retrainCooldownMinutes: 60 })).errors).toBeUndefined();
    const alertsBefore = (await driftOf()).driftAlerts.totalCount;
    const nextAlert = async () => {
      await predict(shifted(window));
      let alert: ModelDrift['driftAlerts']['edges'][0]['node'] | undefined;
      await eventually(async () => {
        const { driftAlerts } = await driftOf();
        expect(driftAlerts.totalCount).toBeGreaterThan(alertsBefore);
        alert = driftAlerts.edges[0].node;
      }, 20_000);
      return alert!;
    };
    const started = await nextAlert();
    expect(started.retrainStatus).toBe('STARTED');
    const job = await registry.call<{ trainingJob: Record<string, unknown> }>(
      alice,
      'query ($id: ID!) { trainingJob(id: $id) { status dataset { id } targetColumn featureColumns algorithm model { id } } }',
      { id: started.retrainJob!.id },
    );
    expect(job.data!.trainingJob).toEqual({
      status: 'QUEUED',
      dataset: { id: model.datasetId },
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
      model: { id: model.modelId },
    });

    const total = (await driftOf()).driftAlerts.totalCount;
    await predict(shifted(window));
    await eventually(async () => expect((await driftOf()).driftAlerts.totalCount).toBe(total + 1), 20_000);
    const inFlight = (await driftOf()).driftAlerts.edges[0].node;
    expect(inFlight).toMatchObject({ retrainStatus: 'IN_FLIGHT', retrainJob: null });
    expect(inFlight.message).toContain(started.retrainJob!.id);

    const cancelled = await registry.call(
      alice,
      'mutation ($id: ID!) { cancelTrainingJob(id: $id) { status } }',
      {
        id: started.retrainJob!.id,
      },
    );
    expect(cancelled.errors).toBeUndefined();
    await predict(shifted(window));
    await eventually(async () => expect((await driftOf()).driftAlerts.totalCount).toBe(total + 2), 20_000);
    expect((await driftOf()).driftAlerts.edges[0].node).toMatchObject({
      retrainStatus: 'COOLDOWN',
      retrainJob: null,
    });
  }, 90_000);

  it('starts a fresh window when the predictions come from another version', async () => {
    const other = { organizationId: alice.organizationId, modelId: model.modelId, versionId: model.jobId };
    await appendPredictions(observability, predictionEvents(other, likeTraining(3)));
    const em = observability.subgraph.orm.em.fork();
    await eventually(async () => {
      expect(await em.count(DriftWindowRow, { modelId: model.modelId })).toBe(3);
    }, 10_000);
    expect(await em.count(DriftWindowRow, { modelId: model.modelId, versionId: model.jobId })).toBe(3);
  });
});

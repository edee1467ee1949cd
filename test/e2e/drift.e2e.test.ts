/** @jest-environment ./test/onnxruntime-environment.ts */
import { randomBytes } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { graphql } from '../support/graphql-client';
import { usePlatform } from '../support/harness/platform';
import { startWorker } from '../support/harness/training-job';
import { TEST_REDIS_URL } from '../support/redis';
import {
  connectSocket,
  createClassificationModel,
  dataOf,
  endOf,
  eventually,
  IRIS_CSV,
  IRIS_FEATURES,
  observe,
  registerUser,
  startTrainingJob,
  uploadDataset,
  waitForTrainingJob,
  type GatewayUser,
} from '../support/training-gateway';
import type { TrainingWorker } from '../../subgraphs/registry/training-worker/training-worker';
import { scrapeMetrics } from '../support/metrics';

const DRIFT_ALERTS = `subscription ($modelId: ID) {
  driftAlerts(modelId: $modelId) {
    id retrainStatus message
    model { name owner { email } }
    report { drifted sampleSize version { id } features { feature psi pValue drifted } }
    retrainJob { id status }
  }
}`;
const DRIFT_UPDATED = `subscription ($modelId: ID!) { modelDriftUpdated(modelId: $modelId) { id drifted sampleSize } }`;
const JOB_UPDATED = `subscription ($jobId: ID!) { trainingJobUpdated(jobId: $jobId) { job { id status resultVersion { id } } } }`;

interface AlertView {
  id: string;
  retrainStatus: string;
  message: string;
  model: { name: string; owner: { email: string } };
  report: {
    drifted: boolean;
    sampleSize: number;
    version: { id: string };
    features: { feature: string; psi: number; pValue: number; drifted: boolean }[];
  };
  retrainJob: { id: string; status: string } | null;
}

/** Iris rows with petals 4 cm longer: what the model never saw. */
const shiftedRows = IRIS_CSV.trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const values = line.split(',').slice(0, 4).map(Number);
    values[2] += 4;
    return values;
  });

describe('drift through the gateway: a drifting model alerts and retrains itself', () => {
  // Inference and observability share one Redis (prediction stream and bus), as replicas do in production.
  const redis = {
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: `drift-e2e-${randomBytes(4).toString('hex')}:`,
  };
  const platform = usePlatform({
    inferenceEnv: redis,
    observabilityEnv: { ...redis, DRIFT_RETRAIN_POLL_MS: '200' },
  });
  const sockets: Client[] = [];
  let worker: TrainingWorker | undefined;
  let ada: GatewayUser;
  let url: string;

  beforeAll(async () => {
    url = platform().gateway.url;
    ada = await registerUser(url, 'ada@example.com', 'Analytical Engines');
    worker = await startWorker(platform().registry);
  }, 60_000);

  afterAll(async () => {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await worker?.stop();
  });

  const call = async <T>(query: string, variables: Record<string, unknown>, user = ada) =>
    dataOf(await graphql<T>(url, query, variables, user.headers));
  const socket = (user: GatewayUser) => {
    const client = connectSocket(url, user);
    sockets.push(client);
    return client;
  };
  /** Subscriptions open on observability: bus subscriptions follow at once, before a window can fill. */
  const openSubscriptions = async () => {
    const metrics = await scrapeMetrics(platform().observability.subgraph.url);
    return Number(/^mlaas_active_subscriptions\{[^}]*\} (\d+)/m.exec(metrics)?.[1] ?? 0);
  };

  it('deploys a trained iris model, predicts shifted petals, streams the alert with its retrain job, which streams on trainingJobUpdated and is deployed', async () => {
    const modelId = await createClassificationModel(url, ada, 'iris-drifting');
    const datasetId = await uploadDataset(url, ada, 'iris-drifting', IRIS_CSV);
    const trained = await startTrainingJob(url, ada, {
      modelId,
      datasetId,
      targetColumn: 'target',
      featureColumns: IRIS_FEATURES,
      algorithm: 'LOGISTIC_REGRESSION',
      hyperparameters: { epochs: 20, seed: 1 },
    });
    const first = await waitForTrainingJob(
      url,
      ada,
      dataOf(trained).startTrainingJob.id,
      (j) => j.status === 'SUCCEEDED',
    );
    const deployed = await call<{ deployModel: { status: string } }>(
      'mutation ($m: ID!) { deployModel(modelId: $m) { status } }',
      { m: modelId },
    );
    expect(deployed.deployModel.status).toBe('READY');
    await call(
      'mutation ($m: ID!, $i: DriftPolicyInput!) { setDriftPolicy(modelId: $m, input: $i) { windowSize } }',
      {
        m: modelId,
        i: { windowSize: 150, autoRetrain: true, autoDeploy: true },
      },
    );

    const before = await openSubscriptions();
    const alerts = observe<{ driftAlerts: AlertView }>(socket(ada), DRIFT_ALERTS, { modelId });
    const reports = observe<{ modelDriftUpdated: { drifted: boolean } }>(socket(ada), DRIFT_UPDATED, {
      modelId,
    });
    await eventually(async () => expect(await openSubscriptions()).toBe(before + 2), 10_000);
    const predicted = await call<{ predictBatch: unknown[] }>(
      'mutation ($m: ID!, $rows: [PredictionInput!]!) { predictBatch(modelId: $m, inputs: $rows) { label } }',
      { m: modelId, rows: shiftedRows.map((features) => ({ features })) },
    );
    expect(predicted.predictBatch).toHaveLength(150);

    await eventually(() => expect(alerts.results).toHaveLength(1), 30_000);
    expect(alerts.results[0].errors).toBeUndefined();
    const alert = alerts.results[0].data!.driftAlerts;
    expect(alert.model).toEqual({ name: 'iris-drifting', owner: { email: 'ada@example.com' } });
    expect(alert.report).toMatchObject({
      drifted: true,
      sampleSize: 150,
      version: { id: first.resultVersion!.id },
    });
    expect(alert.report.features.find((f) => f.feature === 'petal_length_cm')!.drifted).toBe(true);
    expect(alert.retrainStatus).toBe('STARTED');
    expect(alert.retrainJob!.status).toMatch(/QUEUED|RUNNING|SUCCEEDED/);
    expect(reports.results.map((r) => r.data?.modelDriftUpdated.drifted)).toEqual([true]);

    const job = observe<{
      trainingJobUpdated: { job: { status: string; resultVersion: { id: string } | null } };
    }>(socket(ada), JOB_UPDATED, { jobId: alert.retrainJob!.id });
    expect(await endOf(job)).toEqual({});
    const last = job.results.at(-1)!.data!.trainingJobUpdated.job;
    expect(last.status).toBe('SUCCEEDED');

    // autoDeploy settles once the job is done: deployed when its validation accuracy is at least the first one's.
    let settled: { autoDeployResult: string | null } | undefined;
    await eventually(async () => {
      const view = await call<{
        model: { driftAlerts: { edges: { node: { autoDeployResult: string | null } }[] } };
      }>(
        'query ($m: ID!) { model(id: $m) { driftAlerts(first: 1) { edges { node { autoDeployResult } } } } }',
        { m: modelId },
      );
      settled = view.model.driftAlerts.edges[0].node;
      expect(settled.autoDeployResult).not.toBeNull();
    }, 30_000);
    const deployment = await call<{ model: { deployment: { version: { id: string } } } }>(
      'query ($m: ID!) { model(id: $m) { deployment { version { id } } } }',
      { m: modelId },
    );
    const expected = settled!.autoDeployResult!.startsWith('Deployed')
      ? last.resultVersion!.id
      : first.resultVersion!.id;
    expect(settled!.autoDeployResult).toMatch(/^(Deployed version|Not deployed: validationAccuracy)/);
    expect(deployment.model.deployment.version.id).toBe(expected);

    const metrics = await scrapeMetrics(platform().observability.subgraph.url);
    expect(metrics).toContain(`mlaas_drift_alerts_total{model_id="${modelId}",service="observability"} 1`);
    expect(metrics).toMatch(
      new RegExp(`mlaas_drift_psi\\{model_id="${modelId}",feature="petal_length_cm"[^}]*\\} \\d`),
    );
  }, 180_000);

  it("refuses to stream another organization's model (NOT_FOUND) and never delivers its alerts", async () => {
    const bob = await registerUser(url, 'bob@example.com', 'Difference Engines');
    const [modelId] = (
      await call<{ models: { edges: { node: { id: string } }[] } }>(
        '{ models(first: 1) { edges { node { id } } } }',
        {},
      )
    ).models.edges.map((e) => e.node.id);
    const refused = observe(socket(bob), DRIFT_ALERTS, { modelId });
    const ended = await endOf(refused);
    expect(JSON.stringify([ended, refused.results])).toContain('NOT_FOUND');
    expect(refused.results.filter((r) => r.data)).toEqual([]);
    const refusedReports = observe(socket(bob), DRIFT_UPDATED, { modelId });
    const reportsEnded = await endOf(refusedReports);
    expect(JSON.stringify([reportsEnded, refusedReports.results])).toContain('NOT_FOUND');

    const before = await openSubscriptions();
    const bobs = observe<{ driftAlerts: AlertView }>(socket(bob), DRIFT_ALERTS, {});
    const adas = observe<{ driftAlerts: AlertView }>(socket(ada), DRIFT_ALERTS, {});
    await eventually(async () => expect(await openSubscriptions()).toBe(before + 2), 10_000);
    await call('mutation ($m: ID!) { computeDrift(modelId: $m) { drifted } }', { m: modelId });
    await eventually(() => expect(adas.results).toHaveLength(1), 10_000);
    expect(adas.results[0].data!.driftAlerts.model.name).toBe('iris-drifting');
    expect(bobs.results).toEqual([]);
  }, 60_000);
});

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { datasetFixturePath } from '../../fixtures/datasets';
import { logisticRegressionOnnx } from '../../fixtures/onnx/sklearn';
import { bearer, graphql } from '../../support/graphql-client';
import type { Tenant } from './context';

const FEATURES = ['a', 'b', 'c', 'd'];
const LABELS = ['setosa', 'versicolor', 'virginica'];

/** Iris with its four features named as the model's inputs, and the species as `target`. */
function irisCsv(): string {
  const lines = readFileSync(datasetFixturePath('iris'), 'utf8').trim().split('\n').slice(1);
  const rows = lines.map((line) => line.split(',').slice(0, 5).join(','));
  return [[...FEATURES, 'target'].join(','), ...rows].join('\n') + '\n';
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A GraphQL call through the gateway that must succeed (seeding is not what the corpus tests). */
async function must<T>(
  gatewayUrl: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await graphql<T>(gatewayUrl, query, variables, token ? bearer(token) : {});
  if (result.errors || !result.data) {
    throw new Error(`seeding failed on ${query.slice(0, 80)}: ${JSON.stringify(result.errors)}`);
  }
  return result.data;
}

async function put(url: string, body: Buffer | string): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body });
  if (!response.ok) throw new Error(`seeding upload refused: ${response.status} ${await response.text()}`);
}

async function registerUser(gatewayUrl: string, label: string, marker: string) {
  const email = `${label}-${marker}@example.com`;
  const password = `pw-${marker}-${randomBytes(8).toString('hex')}`;
  const { register } = await must<{
    register: { accessToken: string; refreshToken: string; user: { id: string } };
  }>(
    gatewayUrl,
    undefined,
    `mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id } } }`,
    { input: { email, password, displayName: `User ${marker}`, organizationName: `Org ${marker}` } },
  );
  const { me } = await must<{ me: { memberships: { organization: { id: string; slug: string } }[] } }>(
    gatewayUrl,
    register.accessToken,
    '{ me { memberships { organization { id slug } } } }',
  );
  return {
    email,
    password,
    ...register,
    userId: register.user.id,
    organization: me.memberships[0].organization,
  };
}

async function uploadVersion(gatewayUrl: string, token: string, modelId: string) {
  const file = logisticRegressionOnnx({ features: FEATURES.length, labels: LABELS });
  const { createModelVersion } = await must<{
    createModelVersion: { uploadUrl: string; version: { id: string } };
  }>(
    gatewayUrl,
    token,
    `mutation ($m: ID!, $i: CreateModelVersionInput!) {
      createModelVersion(modelId: $m, input: $i) { uploadUrl version { id } } }`,
    { m: modelId, i: { format: 'ONNX', inputSchema: FEATURES.map((name) => ({ name, type: 'NUMBER' })) } },
  );
  await put(createModelVersion.uploadUrl, file);
  const versionId = createModelVersion.version.id;
  const { completeModelVersionUpload: done } = await must<{
    completeModelVersionUpload: { artifact: { key: string; sha256: string } };
  }>(
    gatewayUrl,
    token,
    'mutation ($v: ID!) { completeModelVersionUpload(versionId: $v) { artifact { key sha256 } } }',
    { v: versionId },
  );
  await must(
    gatewayUrl,
    token,
    'mutation ($v: ID!) { transitionModelVersionStage(versionId: $v, stage: PRODUCTION) { id } }',
    {
      v: versionId,
    },
  );
  return { versionId, uploadUrl: createModelVersion.uploadUrl, file, ...done.artifact };
}

async function uploadDataset(gatewayUrl: string, token: string, name: string) {
  const csv = irisCsv();
  const { createDataset } = await must<{ createDataset: { uploadUrl: string; dataset: { id: string } } }>(
    gatewayUrl,
    token,
    'mutation ($i: CreateDatasetInput!) { createDataset(input: $i) { uploadUrl dataset { id } } }',
    { i: { name, description: `data of ${name}` } },
  );
  await put(createDataset.uploadUrl, csv);
  await must(gatewayUrl, token, 'mutation ($d: ID!) { completeDatasetUpload(datasetId: $d) { id } }', {
    d: createDataset.dataset.id,
  });
  return {
    datasetId: createDataset.dataset.id,
    uploadUrl: createDataset.uploadUrl,
    sha256: sha256(csv),
    csv,
  };
}

async function trackRun(gatewayUrl: string, token: string, marker: string) {
  const { createExperiment } = await must<{ createExperiment: { id: string } }>(
    gatewayUrl,
    token,
    'mutation ($i: CreateExperimentInput!) { createExperiment(input: $i) { id } }',
    { i: { name: `exp-${marker}`, description: `experiment ${marker}`, tags: [`tag-${marker}`] } },
  );
  const { createRun } = await must<{ createRun: { id: string } }>(
    gatewayUrl,
    token,
    `mutation ($e: ID!, $p: JSON) { createRun(experimentId: $e, params: $p) { id } }`,
    { e: createExperiment.id, p: { owner: `param-${marker}` } },
  );
  await must(
    gatewayUrl,
    token,
    'mutation ($r: ID!, $m: [MetricInput!]!) { logMetrics(runId: $r, metrics: $m) { id } }',
    {
      r: createRun.id,
      m: [{ key: 'loss', value: 0.5, step: 1 }],
    },
  );
  return { experimentId: createExperiment.id, runId: createRun.id };
}

/**
 * Registers a user (and their organization) and makes one of everything an organization owns: a deployed
 * PRODUCTION model version, a READY dataset (the version's reference), an experiment with a run, a training job.
 * Names carry a random marker so that any of them found in another organization's answer is a leak.
 */
export async function seedTenant(gatewayUrl: string, label: string): Promise<Tenant> {
  const marker = `${label}${randomBytes(5).toString('hex')}`;
  const user = await registerUser(gatewayUrl, label, marker);
  const token = user.accessToken;
  const modelName = `model-${marker}`;
  const { createModel } = await must<{ createModel: { id: string } }>(
    gatewayUrl,
    token,
    'mutation ($i: CreateModelInput!) { createModel(input: $i) { id } }',
    {
      i: {
        name: modelName,
        framework: 'SKLEARN',
        taskType: 'CLASSIFICATION',
        description: `desc-${marker}`,
        tags: [`tag-${marker}`],
      },
    },
  );
  const modelId = createModel.id;
  const version = await uploadVersion(gatewayUrl, token, modelId);
  const dataset = await uploadDataset(gatewayUrl, token, `data-${marker}`);
  const tracking = await trackRun(gatewayUrl, token, marker);
  await must(
    gatewayUrl,
    token,
    'mutation ($v: ID!, $d: ID!) { setReferenceDataset(versionId: $v, datasetId: $d) }',
    {
      v: version.versionId,
      d: dataset.datasetId,
    },
  );
  await must(
    gatewayUrl,
    token,
    'mutation ($m: ID!, $v: ID!) { setModelAlias(modelId: $m, alias: "champion", versionId: $v) { name } }',
    {
      m: modelId,
      v: version.versionId,
    },
  );
  const { deployModel } = await must<{ deployModel: { id: string } }>(
    gatewayUrl,
    token,
    'mutation ($m: ID!, $v: ID) { deployModel(modelId: $m, versionId: $v) { id } }',
    { m: modelId, v: version.versionId },
  );
  const { startTrainingJob } = await must<{ startTrainingJob: { id: string } }>(
    gatewayUrl,
    token,
    'mutation ($i: StartTrainingJobInput!) { startTrainingJob(input: $i) { id } }',
    {
      i: {
        modelId,
        datasetId: dataset.datasetId,
        targetColumn: 'target',
        algorithm: 'LOGISTIC_REGRESSION',
        hyperparameters: { epochs: 1 },
      },
    },
  );
  const { models } = await must<{ models: { edges: { cursor: string }[] } }>(
    gatewayUrl,
    token,
    '{ models(first: 1) { edges { cursor } } }',
  );
  const tenant: Omit<Tenant, 'markers'> = {
    label,
    email: user.email,
    password: user.password,
    token,
    refreshToken: user.refreshToken,
    userId: user.userId,
    organizationId: user.organization.id,
    modelId,
    modelName,
    versionId: version.versionId,
    artifactKey: version.key,
    artifactSha256: version.sha256,
    versionUploadUrl: version.uploadUrl,
    datasetId: dataset.datasetId,
    datasetUploadUrl: dataset.uploadUrl,
    datasetSha256: dataset.sha256,
    files: { model: version.file, dataset: dataset.csv },
    experimentId: tracking.experimentId,
    runId: tracking.runId,
    trainingJobId: startTrainingJob.id,
    deploymentId: deployModel.id,
    modelsCursor: models.edges[0].cursor,
  };
  return { ...tenant, markers: markersOf(tenant, marker, user.organization.slug) };
}

function markersOf(tenant: Omit<Tenant, 'markers'>, marker: string, slug: string): string[] {
  return [
    marker,
    slug,
    tenant.email,
    tenant.userId,
    tenant.organizationId,
    tenant.modelId,
    tenant.versionId,
    tenant.artifactSha256,
    tenant.datasetId,
    tenant.datasetSha256,
    tenant.experimentId,
    tenant.runId,
    tenant.trainingJobId,
    tenant.deploymentId,
    tenant.refreshToken,
  ];
}

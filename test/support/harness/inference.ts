import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Caller } from '../../../lib/caller';
import { Deployment, type DeploymentStatus } from '../../../subgraphs/inference/deployment/deployment.entity';
import { inferenceModule } from '../../../subgraphs/inference/module';
import type { RegistryHarness } from './registry';
import {
  startSubgraphHarness,
  useSubgraphHarness,
  type HarnessOptions,
  type SubgraphHarness,
} from './subgraph';
import { dataOf } from './version';

/**
 * Inference started against a running registry, as in production: it asks the registry's URL about versions
 * (signed with the shared test secret) and downloads files through the presigned URLs the registry gives, and the
 * registry asks it about deployments (deleteModel), at its URL again after a restart.
 */
export const useInference = (
  registry: RegistryHarness,
  env: Record<string, string> = {},
  dialect: HarnessOptions['dialect'] = 'postgresql',
): SubgraphHarness =>
  useSubgraphHarness(async () =>
    linkedToRegistry(
      registry,
      await startSubgraphHarness(inferenceModule, {
        dialect,
        env: { REGISTRY_URL: registry.subgraph.url, ...env },
      }),
    ),
  );

function linkedToRegistry(registry: RegistryHarness, inference: SubgraphHarness): SubgraphHarness {
  // The registry reads its configuration at each call (the subgraphs start in turn, each needing the other's URL).
  const link = () => {
    registry.config.subgraphUrls.inference = inference.subgraph.url;
  };
  link();
  const restart = inference.restart.bind(inference);
  inference.restart = async () => {
    await restart();
    link();
  };
  return inference;
}

/** A URL nothing listens on (a port just freed): a subgraph that is down. */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

export const DEPLOYMENT_FIELDS = 'id status error createdAt readyAt model { id } version { id }';

export interface DeploymentView {
  id: string;
  status: string;
  error: string | null;
  createdAt: string;
  readyAt: string | null;
  model: { id: string };
  version: { id: string };
}

export const DEPLOY = `mutation ($modelId: ID!, $versionId: ID, $cacheTtlSeconds: Int, $wait: Boolean) {
  deployModel(modelId: $modelId, versionId: $versionId, cacheTtlSeconds: $cacheTtlSeconds, wait: $wait) {
    ${DEPLOYMENT_FIELDS} } }`;
export const UNDEPLOY = `mutation ($id: ID!) { undeployModel(deploymentId: $id) { ${DEPLOYMENT_FIELDS} } }`;
export const PREDICTION_FIELDS =
  'label value probabilities { label probability } modelVersion { id } latencyMs cacheHit cachedIn';
export const PREDICT = `mutation ($modelId: ID!, $input: PredictionInput!) {
  predict(modelId: $modelId, input: $input) { ${PREDICTION_FIELDS} } }`;
export const PREDICT_BATCH = `mutation ($modelId: ID!, $inputs: [PredictionInput!]!) {
  predictBatch(modelId: $modelId, inputs: $inputs) { ${PREDICTION_FIELDS} } }`;

export interface PredictionView {
  label: string | null;
  value: number | null;
  probabilities: { label: string; probability: number }[] | null;
  modelVersion: { id: string };
  latencyMs: number;
  cacheHit: boolean;
  cachedIn: 'MEMORY' | 'REDIS' | null;
}

/** deployModel, failing the test on any error (a FAILED deployment is an answer, not an error). */
export async function deploy(
  inference: SubgraphHarness,
  caller: Caller,
  modelId: string,
  versionId?: string,
  cacheTtlSeconds?: number,
): Promise<DeploymentView> {
  const variables = { modelId, versionId, cacheTtlSeconds };
  return dataOf(await inference.call<{ deployModel: DeploymentView }>(caller, DEPLOY, variables)).deployModel;
}

/**
 * A deployment row written as inference keeps it, for tests of what reads deployments: a state a deploy passes
 * through (PENDING, LOADING) is hard to catch in flight otherwise.
 */
export async function insertDeployment(
  inference: SubgraphHarness,
  fields: {
    organizationId: string;
    modelId: string;
    versionId: string;
    status: DeploymentStatus;
    updatedAt?: Date;
  },
): Promise<Deployment> {
  const deployment = Object.assign(new Deployment(), {
    taskType: 'REGRESSION',
    inputSchema: [{ name: 'x', type: 'NUMBER' }],
    artifactKey: 'key',
    sha256: '0'.repeat(64),
    ...fields,
  });
  await inference.subgraph.orm.em.fork().persistAndFlush(deployment);
  return deployment;
}

import type { Caller } from '../../../lib/caller';
import { inferenceModule } from '../../../subgraphs/inference/module';
import type { RegistryHarness } from './registry';
import { startSubgraphHarness, useSubgraphHarness, type SubgraphHarness } from './subgraph';
import { dataOf } from './version';

/**
 * Inference started against a running registry, as in production: it asks the registry's URL about versions
 * (signed with the shared test secret) and downloads files through the presigned URLs the registry gives.
 */
export const useInference = (registry: RegistryHarness, env: Record<string, string> = {}): SubgraphHarness =>
  useSubgraphHarness(() =>
    startSubgraphHarness(inferenceModule, {
      dialect: 'postgresql',
      env: { REGISTRY_URL: registry.subgraph.url, ...env },
    }),
  );

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

export const DEPLOY = `mutation ($modelId: ID!, $versionId: ID, $cacheTtlSeconds: Int) {
  deployModel(modelId: $modelId, versionId: $versionId, cacheTtlSeconds: $cacheTtlSeconds) {
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

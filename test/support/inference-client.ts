import { bearer, graphql } from './graphql-client';

/** The version input `uploadVersion` sends beside `format: ONNX` (inputSchema, outputLabels…). */
export type VersionInput = Record<string, unknown>;

/**
 * What a user's code does through the gateway to serve a model: create it, upload a version, deploy, predict.
 * `headers` are the user's credentials (a Bearer token, an organization). Every call but `predict` fails the test
 * (or the bench) on a GraphQL error.
 */
export function inferenceClient(credentials: string | Record<string, string>) {
  const headers = typeof credentials === 'string' ? bearer(credentials) : credentials;
  const call = async <T>(gateway: string, query: string, variables: Record<string, unknown>) => {
    const result = await graphql<T>(gateway, query, variables, headers);
    if (result.errors) throw new Error(`${result.errors[0].extensions?.code}: ${result.errors[0].message}`);
    return result.data!;
  };
  return {
    async createModel(gateway: string, name: string, taskType = 'CLASSIFICATION'): Promise<string> {
      const created = await call<{ createModel: { id: string } }>(
        gateway,
        'mutation ($i: CreateModelInput!) { createModel(input: $i) { id } }',
        { i: { name, framework: 'SKLEARN', taskType } },
      );
      return created.createModel.id;
    },

    /** createModelVersion → PUT of the file → completeModelVersionUpload: a READY version. */
    async uploadVersion(
      gateway: string,
      modelId: string,
      file: Buffer,
      input: VersionInput,
    ): Promise<{ id: string; version: number }> {
      const { createModelVersion } = await call<{
        createModelVersion: { uploadUrl: string; version: { id: string } };
      }>(
        gateway,
        `mutation ($m: ID!, $i: CreateModelVersionInput!) {
          createModelVersion(modelId: $m, input: $i) { uploadUrl version { id } } }`,
        { m: modelId, i: { format: 'ONNX', ...input } },
      );
      const put = await fetch(createModelVersion.uploadUrl, { method: 'PUT', body: file });
      if (!put.ok) throw new Error(`upload refused: ${put.status}`);
      const completed = await call<{ completeModelVersionUpload: { id: string; version: number } }>(
        gateway,
        'mutation ($v: ID!) { completeModelVersionUpload(versionId: $v) { id version } }',
        { v: createModelVersion.version.id },
      );
      return completed.completeModelVersionUpload;
    },

    async deploy(gateway: string, modelId: string, versionId?: string) {
      const deployed = await call<{ deployModel: { id: string; status: string; error: string | null } }>(
        gateway,
        'mutation ($modelId: ID!, $versionId: ID) { deployModel(modelId: $modelId, versionId: $versionId) { id status error } }',
        { modelId, versionId },
      );
      return deployed.deployModel;
    },

    /** The whole answer, errors included. */
    predict(gateway: string, modelId: string, row: (number | string)[]) {
      return graphql<{ predict: Prediction }>(
        gateway,
        PREDICT,
        { modelId, input: { features: row } },
        headers,
      );
    },
  };
}

export const PREDICT = `mutation ($modelId: ID!, $input: PredictionInput!) {
  predict(modelId: $modelId, input: $input) { label probabilities { label probability } modelVersion { id } cacheHit cachedIn } }`;

export interface Prediction {
  label: string;
  probabilities: { label: string; probability: number }[];
  modelVersion: { id: string };
  cacheHit: boolean;
  cachedIn: 'MEMORY' | 'REDIS' | null;
}

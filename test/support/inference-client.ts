import type { SklearnModelFixture } from '../fixtures/onnx/sklearn-models';
import { bearer, graphql } from './graphql-client';

/**
 * What a user's code does through the gateway to serve a model: create it, upload a version, deploy, predict.
 * Every call but `predict` fails the test on a GraphQL error.
 */
export function inferenceClient(token: string) {
  const call = async <T>(gateway: string, query: string, variables: Record<string, unknown>) => {
    const result = await graphql<T>(gateway, query, variables, bearer(token));
    if (result.errors) throw new Error(`${result.errors[0].extensions?.code}: ${result.errors[0].message}`);
    return result.data!;
  };
  return {
    async createModel(gateway: string, name: string): Promise<string> {
      const created = await call<{ createModel: { id: string } }>(
        gateway,
        'mutation ($name: String!) { createModel(input: { name: $name, framework: SKLEARN, taskType: CLASSIFICATION }) { id } }',
        { name },
      );
      return created.createModel.id;
    },

    /** A READY version holding the fixture's file. */
    async uploadVersion(gateway: string, modelId: string, fixture: SklearnModelFixture): Promise<string> {
      const { createModelVersion } = await call<{
        createModelVersion: { uploadUrl: string; version: { id: string } };
      }>(
        gateway,
        `mutation ($modelId: ID!, $features: [FeatureSpecInput!]!) {
          createModelVersion(modelId: $modelId, input: { format: ONNX, inputSchema: $features }) { uploadUrl version { id } } }`,
        { modelId, features: fixture.features },
      );
      const put = await fetch(createModelVersion.uploadUrl, { method: 'PUT', body: fixture.bytes });
      if (!put.ok) throw new Error(`upload refused: ${put.status}`);
      const versionId = createModelVersion.version.id;
      await call(gateway, 'mutation ($id: ID!) { completeModelVersionUpload(versionId: $id) { status } }', {
        id: versionId,
      });
      return versionId;
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
        bearer(token),
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

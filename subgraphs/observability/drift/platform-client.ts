/**
 * What observability asks the registry and inference over the graph's internal path (lib/internal-graph.ts), as
 * a given caller: the other side applies its own organization scope and roles, so another organization's model,
 * version or dataset is NOT_FOUND here too.
 */
import { GraphQLError } from 'graphql';
import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Config, SubgraphName } from '../../../lib/config';
import { errors, isKnownErrorCode } from '../../../lib/errors';
import { queryInternal } from '../../../lib/internal-graph';
import type { FeatureSpec } from '../../../ml/feature';

export interface PlatformVersion {
  id: string;
  version: number;
  model: { id: string };
  inputSchema: FeatureSpec[];
  metrics: Record<string, number> | null;
  run: { params: Record<string, unknown> } | null;
}

export interface PlatformTrainingJob {
  id: string;
  status: 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
  model: { id: string };
  dataset: { id: string };
  targetColumn: string;
  featureColumns: string[];
  algorithm: string;
  hyperparameters: Record<string, unknown>;
  resultVersion: { id: string; metrics: Record<string, number> | null } | null;
}

export interface PlatformDataset {
  id: string;
  status: string;
  columns: FeatureSpec[];
  /** Of the profiled file; null for datasets completed before hashes were recorded. */
  sha256: string | null;
  downloadUrl: string | null;
}

const VERSION = `id version model { id } inputSchema { name type } metrics run { params }`;
const JOB = `id status model { id } dataset { id } targetColumn featureColumns algorithm
  hyperparameters { epochs learningRate batchSize hiddenLayers l2 validationSplit seed earlyStoppingPatience }
  resultVersion { id metrics }`;

export class PlatformClient {
  constructor(
    private readonly config: Config,
    readonly caller: AuthenticatedCaller,
  ) {}

  /** NOT_FOUND unless the model is the caller's organization's. */
  async model(modelId: string): Promise<{ id: string }> {
    const query = 'query ($id: ID!) { model(id: $id) { id } }';
    const { model } = await this.ask<{ model: { id: string } | null }>('registry', query, { id: modelId });
    if (!model) throw errors.notFound('Model', modelId);
    return model;
  }

  async version(versionId: string): Promise<PlatformVersion> {
    const query = `query ($id: ID!) { modelVersion(id: $id) { ${VERSION} } }`;
    const answer = await this.ask<{ modelVersion: PlatformVersion | null }>('registry', query, {
      id: versionId,
    });
    if (!answer.modelVersion) throw errors.notFound('Model version', versionId);
    return answer.modelVersion;
  }

  /** The training job that registered the version; null for an uploaded version. */
  async trainingJobOf(version: PlatformVersion): Promise<PlatformTrainingJob | null> {
    const jobId = version.run?.params.trainingJobId;
    return typeof jobId === 'string' ? this.trainingJob(jobId) : null;
  }

  async trainingJob(jobId: string): Promise<PlatformTrainingJob> {
    const query = `query ($id: ID!) { trainingJob(id: $id) { ${JOB} } }`;
    const answer = await this.ask<{ trainingJob: PlatformTrainingJob | null }>('registry', query, {
      id: jobId,
    });
    if (!answer.trainingJob) throw errors.notFound('Training job', jobId);
    return answer.trainingJob;
  }

  async dataset(datasetId: string): Promise<PlatformDataset> {
    const query = `query ($id: ID!) { dataset(id: $id) {
      id status columns { name type } sha256 downloadUrl(expiresInSeconds: 600) } }`;
    const answer = await this.ask<{ dataset: PlatformDataset | null }>('registry', query, { id: datasetId });
    if (!answer.dataset) throw errors.notFound('Dataset', datasetId);
    return answer.dataset;
  }

  async startTrainingJob(input: Record<string, unknown>): Promise<{ id: string }> {
    const query = 'mutation ($input: StartTrainingJobInput!) { startTrainingJob(input: $input) { id } }';
    const answer = await this.ask<{ startTrainingJob: { id: string } }>('registry', query, { input });
    return answer.startTrainingJob;
  }

  /** The version the model's current deployment serves, null when it has none. */
  async deployedVersionId(modelId: string): Promise<string | null> {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Model { deployment { status version { id } } } } }`;
    type Answer = { _entities: { deployment: { status: string; version: { id: string } } | null }[] };
    const answer = await this.ask<Answer>('inference', query, {
      representations: [{ __typename: 'Model', id: modelId }],
    });
    return answer._entities[0]?.deployment?.version.id ?? null;
  }

  async deployModel(modelId: string, versionId: string): Promise<{ id: string; status: string }> {
    const query = `mutation ($modelId: ID!, $versionId: ID) {
      deployModel(modelId: $modelId, versionId: $versionId) { id status } }`;
    const answer = await this.ask<{ deployModel: { id: string; status: string } }>('inference', query, {
      modelId,
      versionId,
    });
    return answer.deployModel;
  }

  /** The data, or the other side's expected error as its own (same code and message). */
  private async ask<T>(
    subgraph: SubgraphName,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> {
    const answer = await queryInternal<T>(this.config, subgraph, this.caller, query, variables);
    const failure = answer.errors?.[0];
    if (failure) {
      const code = failure.extensions?.code;
      if (isKnownErrorCode(code) && code !== 'INTERNAL_SERVER_ERROR')
        throw new GraphQLError(failure.message, { extensions: { ...failure.extensions, code } });
      throw new Error(`the ${subgraph} service answered ${answer.status}: ${failure.message}`);
    }
    if (!answer.data) throw new Error(`the ${subgraph} service answered ${answer.status} without data`);
    return answer.data;
  }
}

/**
 * Who observability acts as when no request is behind the work (a report the stream consumer computes): a reader
 * of the model's organization. The registry scopes by organization; the user id is only recorded, never trusted.
 */
export function serviceCaller(organizationId: string): AuthenticatedCaller {
  return {
    kind: 'user',
    userId: '00000000-0000-4000-8000-000000000000',
    organizationId,
    role: 'VIEWER',
    scopes: [],
  };
}

import { readFileSync } from 'node:fs';
import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { datasetFixturePath } from '../fixtures/datasets';
import { RegisterDocument } from '../__generated__/operations';
import { bearer, execute, graphql, type GraphQLResult } from './graphql-client';
export { eventually } from './eventually';

/** The trainer's iris fixture: 4 numeric features, `target` (the species) and `split` (unused here). */
export const IRIS_CSV = readFileSync(datasetFixturePath('iris'), 'utf8');
export const IRIS_FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];

/** A registered user as the tests see them: their email and the headers that authenticate them. */
export interface GatewayUser {
  email: string;
  token: string;
  headers: Record<string, string>;
}

export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface EpochView {
  epoch: number;
  loss: number;
  validationLoss: number | null;
  accuracy: number | null;
}

export interface JobView {
  id: string;
  status: JobStatus;
  epoch: number;
  totalEpochs: number;
  progress: number;
  attempt: number;
  error: string | null;
  cancelRequested: boolean;
  history: EpochView[];
  resultVersion: {
    id: string;
    status: string;
    inputSchema: { name: string; type: string }[];
    outputLabels: string[] | null;
    artifact: { downloadUrl: string } | null;
  } | null;
}

const JOB_FIELDS = `id status epoch totalEpochs progress attempt error cancelRequested
  history { epoch loss validationLoss accuracy }
  resultVersion { id status inputSchema { name type } outputLabels artifact { downloadUrl } }`;

/** Fails the test with the errors of a GraphQL response, or returns its data. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors || !result.data) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
  return result.data;
}

export async function registerUser(
  url: string,
  email: string,
  organizationName: string,
): Promise<GatewayUser> {
  const result = await execute(url, RegisterDocument, {
    input: { email, password: 'correct horse battery', displayName: email.split('@')[0], organizationName },
  });
  const token = dataOf(result).register.accessToken;
  return { email, token, headers: bearer(token) };
}

export async function createClassificationModel(
  url: string,
  user: GatewayUser,
  name: string,
): Promise<string> {
  const created = await graphql<{ createModel: { id: string } }>(
    url,
    'mutation ($name: String!) { createModel(input: { name: $name, framework: ONNX, taskType: CLASSIFICATION }) { id } }',
    { name },
    user.headers,
  );
  return dataOf(created).createModel.id;
}

/** createDataset, a PUT of the file to the presigned URL, then completeDatasetUpload: the dataset is READY. */
export async function uploadDataset(
  url: string,
  user: GatewayUser,
  name: string,
  csv: string,
): Promise<string> {
  const created = await graphql<{ createDataset: { uploadUrl: string; dataset: { id: string } } }>(
    url,
    'mutation ($name: String!) { createDataset(input: { name: $name }) { uploadUrl dataset { id } } }',
    { name },
    user.headers,
  );
  const { uploadUrl, dataset } = dataOf(created).createDataset;
  const put = await fetch(uploadUrl, { method: 'PUT', body: csv });
  if (!put.ok) throw new Error(`PUT of the dataset file answered ${put.status}`);
  const completed = await graphql<{ completeDatasetUpload: { status: string } }>(
    url,
    'mutation ($id: ID!) { completeDatasetUpload(datasetId: $id) { status } }',
    { id: dataset.id },
    user.headers,
  );
  if (dataOf(completed).completeDatasetUpload.status !== 'READY') throw new Error('dataset not READY');
  return dataset.id;
}

export function startTrainingJob(
  url: string,
  user: GatewayUser,
  input: Record<string, unknown>,
): Promise<GraphQLResult<{ startTrainingJob: JobView }>> {
  return graphql(
    url,
    `mutation ($input: StartTrainingJobInput!) { startTrainingJob(input: $input) { ${JOB_FIELDS} } }`,
    { input },
    user.headers,
  );
}

export async function cancelTrainingJob(url: string, user: GatewayUser, id: string): Promise<JobView> {
  const result = await graphql<{ cancelTrainingJob: JobView }>(
    url,
    `mutation ($id: ID!) { cancelTrainingJob(id: $id) { ${JOB_FIELDS} } }`,
    { id },
    user.headers,
  );
  return dataOf(result).cancelTrainingJob;
}

export async function getTrainingJob(url: string, user: GatewayUser, id: string): Promise<JobView> {
  const result = await graphql<{ trainingJob: JobView }>(
    url,
    `query ($id: ID!) { trainingJob(id: $id) { ${JOB_FIELDS} } }`,
    { id },
    user.headers,
  );
  return dataOf(result).trainingJob;
}

export async function countTrainingJobs(url: string, user: GatewayUser): Promise<number> {
  const result = await graphql<{ trainingJobs: { totalCount: number } }>(
    url,
    '{ trainingJobs { totalCount } }',
    {},
    user.headers,
  );
  return dataOf(result).trainingJobs.totalCount;
}

/**
 * Polls the job through the gateway until `done` holds. The timeout is generous: workers share two cores with
 * every other process of the topology; the condition, not the time, is what a test asserts.
 */
export async function waitForTrainingJob(
  url: string,
  user: GatewayUser,
  id: string,
  done: (job: JobView) => boolean,
  timeoutMs = 60_000,
): Promise<JobView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await getTrainingJob(url, user, id);
    if (done(job)) return job;
    if (Date.now() > deadline) {
      const { history: _history, ...state } = job;
      throw new Error(
        `job ${id} did not reach the expected state within ${timeoutMs} ms: ${JSON.stringify(state)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A graphql-ws client of the gateway at `url` (its HTTP GraphQL URL) that never retries, so failures surface. */
export function connectSocket(url: string, user?: GatewayUser): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: user ? { authorization: `Bearer ${user.token}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

/** One subscription: the results so far, and how it ended (`error` set when it failed rather than completed). */
export interface ObservedSubscription<T> {
  results: FormattedExecutionResult<T, unknown>[];
  ended: Promise<{ error?: unknown }>;
}

export function observe<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
): ObservedSubscription<T> {
  const results: ObservedSubscription<T>['results'] = [];
  const ended = new Promise<{ error?: unknown }>((resolve) => {
    client.subscribe<T>(
      { query, variables },
      {
        next: (result) => results.push(result),
        error: (error) => resolve({ error }),
        complete: () => resolve({}),
      },
    );
  });
  return { results, ended };
}

/** How the subscription ended; fails, showing the last results, when it has not ended within `timeoutMs`. */
export async function endOf<T>(
  observed: ObservedSubscription<T>,
  timeoutMs = 60_000,
): Promise<{ error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const last = JSON.stringify(observed.results.slice(-3));
      reject(
        new Error(
          `subscription still open after ${timeoutMs} ms (${observed.results.length} results, last: ${last})`,
        ),
      );
    }, timeoutMs);
  });
  try {
    return await Promise.race([observed.ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

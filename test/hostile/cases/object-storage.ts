import { createHash } from 'node:crypto';
import type { CorpusContext, Tenant } from '../support/context';
import type { Expectation, HostileCase } from '../support/corpus';
import { allOf, codes, storeRefused } from '../support/expect';
import { bearer, graphql } from '../../support/graphql-client';
import { sendGraphQL, sendHttp } from '../support/send';

/** A GraphQL call whose data the case needs (as `tenant`); throws on errors, as seeding does. */
async function ask<T>(
  context: CorpusContext,
  tenant: Tenant,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await graphql<T>(context.target.gatewayUrl, query, variables, bearer(tenant.token));
  if (result.errors || !result.data)
    throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(result.errors)}`);
  return result.data;
}

const versionDownloadUrl = async (context: CorpusContext, tenant: Tenant, seconds = 600) =>
  (
    await ask<{ modelVersion: { artifact: { downloadUrl: string } } }>(
      context,
      tenant,
      'query ($id: ID!, $s: Int) { modelVersion(id: $id) { artifact { downloadUrl(expiresInSeconds: $s) } } }',
      { id: tenant.versionId, s: seconds },
    )
  ).modelVersion.artifact.downloadUrl;

const datasetDownloadUrl = async (context: CorpusContext, tenant: Tenant) =>
  (
    await ask<{ dataset: { downloadUrl: string } }>(
      context,
      tenant,
      'query ($id: ID!) { dataset(id: $id) { downloadUrl(expiresInSeconds: 600) } }',
      { id: tenant.datasetId },
    )
  ).dataset.downloadUrl;

/** B's URL pointed at A's object: every id of B in its path replaced with A's (the keys are built from them). */
function retargeted(url: string, context: CorpusContext): string {
  const parsed = new URL(url);
  const pairs: [string, string][] = [
    [context.b.organizationId, context.a.organizationId],
    [context.b.modelId, context.a.modelId],
    [context.b.versionId, context.a.versionId],
    [context.b.datasetId, context.a.datasetId],
  ];
  for (const [mine, theirs] of pairs) parsed.pathname = parsed.pathname.split(mine).join(theirs);
  if (parsed.pathname === new URL(url).pathname) throw new Error(`no id of B in the path of ${url}`);
  return parsed.href;
}

/** The URL with every query parameter naming an expiry set to a year. */
function withLongerExpiry(url: string): string {
  const parsed = new URL(url);
  let edited = false;
  for (const key of [...parsed.searchParams.keys()]) {
    if (/exp/i.test(key)) {
      parsed.searchParams.set(key, /date/i.test(key) ? '20990101T000000Z' : '31536000');
      edited = true;
    }
  }
  if (!edited) throw new Error(`no expiry parameter in ${url}`);
  return parsed.href;
}

const withoutQuery = (url: string) => url.split('?')[0];
const storeBase = (url: string) => `${new URL(url).origin}/${new URL(url).pathname.split('/')[1]}`;
/** A's object addressed plainly: the store's base URL and A's path (B's path with A's ids). */
const plainUrlOfA = (url: string, context: CorpusContext) => withoutQuery(retargeted(url, context));

const sha256 = async (response: Response) =>
  createHash('sha256')
    .update(Buffer.from(await response.arrayBuffer()))
    .digest('hex');

/** After the case, A's model file and dataset still read back as recorded at completion. */
const aIntact: Expectation = async (_answer, context) => {
  const model = await fetch(await versionDownloadUrl(context, context.a));
  const dataset = await fetch(await datasetDownloadUrl(context, context.a));
  const problems: string[] = [];
  if (!model.ok || (await sha256(model)) !== context.a.artifactSha256)
    problems.push(`A's model file changed (HTTP ${model.status})`);
  if (!dataset.ok || (await sha256(dataset)) !== context.a.datasetSha256)
    problems.push(`A's dataset file changed (HTTP ${dataset.status})`);
  return problems.length ? problems.join('; ') : undefined;
};

/**
 * Puts A's files back through A's own upload URLs before a case that may swap them, so that one case that
 * succeeded does not fail the next. Once upload URLs no longer write the final object, this changes nothing.
 */
async function restoreFilesOfA(context: CorpusContext): Promise<void> {
  await fetch(context.a.versionUploadUrl, { method: 'PUT', body: context.a.files.model });
  await fetch(context.a.datasetUploadUrl, { method: 'PUT', body: context.a.files.dataset });
}

const storeCase = (
  name: string,
  send: HostileCase['send'],
  expect: Expectation = storeRefused,
): HostileCase => ({
  category: 'object storage',
  name,
  send: async (context) => {
    await restoreFilesOfA(context);
    return send(context);
  },
  expect,
});

const GARBAGE = Buffer.from('not an onnx model: swapped by an attacker');

/** A model of B with an uploaded version, deleted once its download URL is known: the URL of a deleted object. */
async function downloadUrlOfDeletedModel(context: CorpusContext): Promise<string> {
  const { createModel } = await ask<{ createModel: { id: string } }>(
    context,
    context.b,
    'mutation ($i: CreateModelInput!) { createModel(input: $i) { id } }',
    {
      i: { name: `doomed-${Date.now()}`, framework: 'ONNX', taskType: 'CLASSIFICATION' },
    },
  );
  const { modelVersion } = await ask<{ modelVersion: { inputSchema: { name: string; type: string }[] } }>(
    context,
    context.b,
    'query ($id: ID!) { modelVersion(id: $id) { inputSchema { name type } } }',
    {
      id: context.b.versionId,
    },
  );
  const bytes = context.b.files.model;
  const { createModelVersion } = await ask<{
    createModelVersion: { uploadUrl: string; version: { id: string } };
  }>(
    context,
    context.b,
    'mutation ($m: ID!, $i: CreateModelVersionInput!) { createModelVersion(modelId: $m, input: $i) { uploadUrl version { id } } }',
    { m: createModel.id, i: { format: 'ONNX', inputSchema: modelVersion.inputSchema } },
  );
  await fetch(createModelVersion.uploadUrl, { method: 'PUT', body: bytes });
  const { completeModelVersionUpload } = await ask<{
    completeModelVersionUpload: { artifact: { downloadUrl: string } };
  }>(
    context,
    context.b,
    'mutation ($v: ID!) { completeModelVersionUpload(versionId: $v) { artifact { downloadUrl(expiresInSeconds: 600) } } }',
    { v: createModelVersion.version.id },
  );
  await ask(context, context.b, 'mutation ($id: ID!) { deleteModel(id: $id) }', { id: createModel.id });
  return completeModelVersionUpload.artifact.downloadUrl;
}

async function downloadUrlOfDeletedDataset(context: CorpusContext): Promise<string> {
  const { createDataset } = await ask<{ createDataset: { uploadUrl: string; dataset: { id: string } } }>(
    context,
    context.b,
    'mutation ($i: CreateDatasetInput!) { createDataset(input: $i) { uploadUrl dataset { id } } }',
    {
      i: { name: `doomed-${Date.now()}` },
    },
  );
  await fetch(createDataset.uploadUrl, { method: 'PUT', body: 'a,b\n1,2\n3,4\n' });
  await ask(context, context.b, 'mutation ($d: ID!) { completeDatasetUpload(datasetId: $d) { id } }', {
    d: createDataset.dataset.id,
  });
  const { dataset } = await ask<{ dataset: { downloadUrl: string } }>(
    context,
    context.b,
    'query ($id: ID!) { dataset(id: $id) { downloadUrl(expiresInSeconds: 600) } }',
    { id: createDataset.dataset.id },
  );
  await ask(context, context.b, 'mutation ($id: ID!) { deleteDataset(id: $id) }', {
    id: createDataset.dataset.id,
  });
  return dataset.downloadUrl;
}

const expiresIn = (seconds: number): HostileCase => ({
  category: 'object storage',
  name: `downloadUrl(expiresInSeconds: ${seconds})`,
  send: (context) =>
    sendGraphQL(context, {
      query:
        'query ($id: ID!, $s: Int) { modelVersion(id: $id) { artifact { downloadUrl(expiresInSeconds: $s) } } }',
      variables: { id: context.b.versionId, s: seconds },
    }),
  expect: codes('BAD_USER_INPUT'),
});

/** The object store, reached the way a client reaches it: presigned URLs, edited, reused, replayed, or none. */
export function objectStorageCases(): HostileCase[] {
  return [
    storeCase("B's model download URL with the key edited to A's model", async (c) =>
      sendHttp({ url: retargeted(await versionDownloadUrl(c, c.b), c) }),
    ),
    storeCase("B's dataset download URL with the key edited to A's dataset", async (c) =>
      sendHttp({ url: retargeted(await datasetDownloadUrl(c, c.b), c) }),
    ),
    storeCase(
      "B's model upload URL with the key edited to A's model (PUT)",
      async (c) => sendHttp({ url: retargeted(c.b.versionUploadUrl, c), method: 'PUT', body: GARBAGE }),
      allOf(storeRefused, aIntact),
    ),
    storeCase(
      "B's dataset upload URL with the key edited to A's dataset (PUT)",
      async (c) => sendHttp({ url: retargeted(c.b.datasetUploadUrl, c), method: 'PUT', body: GARBAGE }),
      allOf(storeRefused, aIntact),
    ),
    storeCase("B's model download URL with a path traversal to A's key", async (c) => {
      const url = new URL(await versionDownloadUrl(c, c.b));
      url.pathname = `${url.pathname}/../../../../${c.a.organizationId}/${c.a.modelId}/${c.a.versionId}/model.onnx`;
      return sendHttp({ url: url.href });
    }),
    storeCase('a download URL used with PUT', async (c) =>
      sendHttp({ url: await versionDownloadUrl(c, c.b), method: 'PUT', body: GARBAGE }),
    ),
    storeCase('a download URL used with DELETE', async (c) =>
      sendHttp({ url: await versionDownloadUrl(c, c.b), method: 'DELETE' }),
    ),
    storeCase('an upload URL used with GET', async (c) => sendHttp({ url: c.b.versionUploadUrl })),
    storeCase('an upload URL used with DELETE', async (c) =>
      sendHttp({ url: c.b.datasetUploadUrl, method: 'DELETE' }),
    ),
    storeCase('a download URL whose expiry parameter was edited', async (c) =>
      sendHttp({ url: withLongerExpiry(await versionDownloadUrl(c, c.b, 60)) }),
    ),
    storeCase('a download URL after it expired', async (c) => {
      const url = await versionDownloadUrl(c, c.b, 1);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      return sendHttp({ url });
    }),
    storeCase('a download URL with its signature removed', async (c) =>
      sendHttp({ url: withoutQuery(await versionDownloadUrl(c, c.b)) }),
    ),
    storeCase("anonymous GET of A's model file", async (c) =>
      sendHttp({ url: plainUrlOfA(c.b.versionUploadUrl, c) }),
    ),
    storeCase(
      "anonymous PUT over A's model file",
      async (c) => sendHttp({ url: plainUrlOfA(c.b.versionUploadUrl, c), method: 'PUT', body: GARBAGE }),
      allOf(storeRefused, aIntact),
    ),
    storeCase(
      "anonymous DELETE of A's dataset file",
      async (c) => sendHttp({ url: plainUrlOfA(c.b.datasetUploadUrl, c), method: 'DELETE' }),
      allOf(storeRefused, aIntact),
    ),
    storeCase("anonymous listing of the store's root", async (c) =>
      sendHttp({ url: `${new URL(c.b.versionUploadUrl).origin}/` }),
    ),
    storeCase('anonymous listing of the models bucket', async (c) =>
      sendHttp({ url: `${storeBase(c.b.versionUploadUrl)}?list-type=2` }),
    ),
    storeCase('anonymous listing of the datasets bucket', async (c) =>
      sendHttp({ url: `${storeBase(c.b.datasetUploadUrl)}/` }),
    ),
    storeCase('anonymous PUT of a new object', async (c) =>
      sendHttp({
        url: `${storeBase(c.b.versionUploadUrl)}/anonymous/evil.onnx`,
        method: 'PUT',
        body: GARBAGE,
      }),
    ),
    storeCase('anonymous DELETE of a bucket', async (c) =>
      sendHttp({ url: storeBase(c.b.datasetUploadUrl), method: 'DELETE' }),
    ),
    storeCase(
      "a late PUT to A's model upload URL after completion changes nothing",
      async (c) => sendHttp({ url: c.a.versionUploadUrl, method: 'PUT', body: GARBAGE }),
      aIntact,
    ),
    storeCase(
      "a late PUT to A's dataset upload URL after completion changes nothing",
      async (c) => sendHttp({ url: c.a.datasetUploadUrl, method: 'PUT', body: GARBAGE }),
      aIntact,
    ),
    storeCase('the download URL of a deleted model version', async (c) =>
      sendHttp({ url: await downloadUrlOfDeletedModel(c) }),
    ),
    storeCase('the download URL of a deleted dataset', async (c) =>
      sendHttp({ url: await downloadUrlOfDeletedDataset(c) }),
    ),
    expiresIn(0),
    expiresIn(86_401),
    expiresIn(-5),
    expiresIn(2 ** 31 - 1),
  ];
}

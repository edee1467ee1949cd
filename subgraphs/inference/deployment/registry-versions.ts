/**
 * What inference learns about model versions from the registry, over the graph's internal path (see
 * lib/internal-graph.ts). The registry applies its own organization scope and roles, so a model of another
 * organization is NOT_FOUND here too, and a registry that cannot be reached is SERVICE_UNAVAILABLE.
 */
import type { AuthenticatedCaller } from '../../../lib/caller';
import type { Config } from '../../../lib/config';
import { echoInput, errors } from '../../../lib/errors';
import { queryInternal } from '../../../lib/internal-graph';
import type { FeatureSpec } from '../../../ml/feature';

/** A version as a deployment records it. */
export interface RegistryVersion {
  id: string;
  version: number;
  status: string;
  inputSchema: FeatureSpec[];
  outputLabels: string[] | null;
  artifact: { key: string; sha256: string } | null;
}

export interface RegistryModel {
  id: string;
  taskType: string;
}

const VERSION = 'id version status inputSchema { name type } outputLabels artifact { key sha256 }';

const MODEL_QUERY = `query ($modelId: ID!) { model(id: $modelId) {
  id taskType productionVersion { ${VERSION} } latestVersion { ${VERSION} } } }`;
const VERSION_QUERY = `query ($versionId: ID!) { modelVersion(id: $versionId) { ${VERSION} model { id } } }`;
const MODEL_EXISTS_QUERY = `query ($modelId: ID!) { model(id: $modelId) { id } }`;
const MODEL_BY_NAME_QUERY = `query ($name: String!) { modelByName(name: $name) { id } }`;
const VERSION_NUMBER_QUERY = `query ($versionId: ID!) { modelVersion(id: $versionId) { version } }`;
const DOWNLOAD_QUERY = `query ($versionId: ID!) { modelVersion(id: $versionId) {
  artifact { downloadUrl(expiresInSeconds: 60) } } }`;

export class RegistryVersions {
  constructor(
    private readonly config: Config,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** The model and the version to deploy: `versionId`, else PRODUCTION, else the latest READY one. */
  async resolve(
    caller: AuthenticatedCaller,
    modelId: string,
    versionId?: string | null,
  ): Promise<{ model: RegistryModel; version: RegistryVersion | null }> {
    type ModelAnswer = { model: (RegistryModel & Record<string, RegistryVersion | null>) | null };
    const modelNotFound = () => errors.notFound('Model', modelId);
    const { model } = await this.query<ModelAnswer>(caller, MODEL_QUERY, { modelId }, modelNotFound);
    if (!model) throw modelNotFound();
    const found = { id: model.id, taskType: model.taskType };
    if (!versionId) return { model: found, version: model.productionVersion ?? model.latestVersion ?? null };
    type VersionAnswer = { modelVersion: (RegistryVersion & { model: { id: string } }) | null };
    const versionNotFound = () => errors.notFound('Model version', versionId);
    const { modelVersion } = await this.query<VersionAnswer>(
      caller,
      VERSION_QUERY,
      { versionId },
      versionNotFound,
    );
    // A version of another model is not this model's version: the same answer as for no version.
    if (!modelVersion || modelVersion.model.id !== model.id) throw versionNotFound();
    return { model: found, version: modelVersion };
  }

  /** Whether the caller's organization has a model of that id (another organization's is no model). */
  async modelExists(caller: AuthenticatedCaller, modelId: string): Promise<boolean> {
    type Answer = { model: { id: string } | null };
    const { model } = await this.query<Answer>(caller, MODEL_EXISTS_QUERY, { modelId }, () =>
      errors.notFound('Model', modelId),
    );
    return model !== null;
  }

  /** The id of the caller's organization's model of that name; null when it has none. */
  async modelIdByName(caller: AuthenticatedCaller, name: string): Promise<string | null> {
    type Answer = { modelByName: { id: string } | null };
    const notFound = () => errors.notFound(`Model "${echoInput(name)}"`);
    const { modelByName } = await this.query<Answer>(caller, MODEL_BY_NAME_QUERY, { name }, notFound);
    return modelByName?.id ?? null;
  }

  /** The number (1, 2, 3…) of a version of the caller's organization. */
  async versionNumber(caller: AuthenticatedCaller, versionId: string): Promise<number> {
    type Answer = { modelVersion: { version: number } | null };
    const notFound = () => errors.notFound('Model version', versionId);
    const { modelVersion } = await this.query<Answer>(caller, VERSION_NUMBER_QUERY, { versionId }, notFound);
    if (!modelVersion) throw notFound();
    return modelVersion.version;
  }

  /** A presigned GET of the version's file, valid for a minute: enough to start the download. */
  async downloadUrl(caller: AuthenticatedCaller, versionId: string): Promise<string> {
    type Answer = { modelVersion: { artifact: { downloadUrl: string } | null } | null };
    const gone = () => errors.conflict(`model version ${versionId} no longer has a file in the registry`);
    const { modelVersion } = await this.query<Answer>(caller, DOWNLOAD_QUERY, { versionId }, gone);
    const url = modelVersion?.artifact?.downloadUrl;
    if (!url) throw gone();
    return url;
  }

  private async query<T>(
    caller: AuthenticatedCaller,
    query: string,
    variables: Record<string, unknown>,
    notFound: () => Error,
  ): Promise<T> {
    const answer = await queryInternal<T>(this.config, 'registry', caller, query, variables, this.fetchImpl);
    const failure = answer.errors?.[0];
    // A value the registry refuses as input (a model name from an OIP URL with NUL or a control character) names
    // nothing it holds.
    const code = failure?.extensions?.code;
    if (code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') throw notFound();
    if (failure || !answer.data)
      throw new Error(`the registry answered ${answer.status}: ${failure?.message ?? 'no data'}`);
    return answer.data;
  }
}

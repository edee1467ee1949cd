import type { Target } from './targets';

/** One organization's user and one of each thing an organization owns, made through the gateway. */
export interface Tenant {
  label: string;
  email: string;
  password: string;
  token: string;
  refreshToken: string;
  userId: string;
  organizationId: string;
  modelId: string;
  modelName: string;
  /** A READY, PRODUCTION version of the model, deployed. */
  versionId: string;
  artifactKey: string;
  artifactSha256: string;
  /** The version's upload URL, kept after completion (a late PUT must change nothing). */
  versionUploadUrl: string;
  datasetId: string;
  /** The dataset's upload URL, kept after completion. */
  datasetUploadUrl: string;
  datasetSha256: string;
  /** The files as uploaded, to put back what a case that succeeded in swapping them changed. */
  files: { model: Buffer; dataset: string };
  experimentId: string;
  runId: string;
  trainingJobId: string;
  deploymentId: string;
  /** A real cursor of the tenant's `models` connection. */
  modelsCursor: string;
  /**
   * What must never reach another organization: ids, names, email, keys, hashes. Each is unique to the tenant,
   * so finding one in an answer to someone else is a leak, unless the request itself contained it.
   */
  markers: string[];
}

/** What every case is sent with: the target, organization A (the victim) and B (the attacker). */
export interface CorpusContext {
  target: Target;
  a: Tenant;
  b: Tenant;
  /** The id of the Tenant field each ID argument takes, by entity type name (see ids.ts). */
  idOf(tenant: Tenant, entity: string): string;
}

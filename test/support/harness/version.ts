import type { Caller } from '../../../lib/caller';
import { buckets } from '../../../lib/object-store/object-store';
import { createLogger } from '../../../lib/logger';
import { sweepArtifacts } from '../../../subgraphs/registry/artifact/artifact-sweeper';
import {
  ArtifactStorage,
  defaultArtifactSettings,
  type ArtifactSettings,
} from '../../../subgraphs/registry/artifact/artifact-storage';
import type { RegistryHarness } from './registry';

export { createModel, errorsOf, member, sqlStatements, startRegistry, useRegistry } from './registry';
export type { RegistryHarness } from './registry';

export const VERSION_FIELDS = `id version stage status statusReason format inputSchema { name type } outputLabels
  metrics tags aliases uploadExpiresAt createdAt updatedAt model { id lifecycle }
  artifact { key sizeBytes sha256 }
  onnx { irVersion producerName producerVersion opsets { domain version } inputs { name type shape }
    outputs { name type shape } }`;

export interface VersionView {
  id: string;
  version: number;
  stage: string;
  status: string;
  statusReason: string | null;
  format: string;
  inputSchema: { name: string; type: string }[];
  outputLabels: string[] | null;
  metrics: Record<string, number> | null;
  tags: string[];
  aliases: string[];
  uploadExpiresAt: string;
  createdAt: string;
  updatedAt: string;
  model: { id: string; lifecycle: string };
  artifact: { key: string; sizeBytes: number; sha256: string } | null;
  onnx: {
    irVersion: number;
    producerName: string | null;
    producerVersion: string | null;
    opsets: { domain: string; version: number }[];
    inputs: { name: string; type: string; shape: (number | null)[] | null }[];
    outputs: { name: string; type: string; shape: (number | null)[] | null }[];
  } | null;
}

export interface UploadView {
  version: VersionView;
  uploadUrl: string;
  uploadExpiresAt: string;
}

export const CREATE_VERSION = `mutation ($modelId: ID!, $input: CreateModelVersionInput!) {
  createModelVersion(modelId: $modelId, input: $input) { uploadUrl uploadExpiresAt version { ${VERSION_FIELDS} } } }`;
export const COMPLETE = `mutation ($id: ID!) { completeModelVersionUpload(versionId: $id) { ${VERSION_FIELDS} } }`;
export const TRANSITION = `mutation ($id: ID!, $stage: Lifecycle!) {
  transitionModelVersionStage(versionId: $id, stage: $stage) { ${VERSION_FIELDS} } }`;
export const GET_VERSION = `query ($id: ID!) { modelVersion(id: $id) { ${VERSION_FIELDS} } }`;

export const numberFeatures = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ name: `f${i}`, type: 'NUMBER' }));

/** Data of a call that must succeed; the errors otherwise. */
export function dataOf<T>(result: { data?: T | null; errors?: unknown[] }): T {
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}

export async function createVersion(
  harness: RegistryHarness,
  caller: Caller,
  modelId: string,
  input: Record<string, unknown> = {},
): Promise<UploadView> {
  const result = await harness.call<{ createModelVersion: UploadView }>(caller, CREATE_VERSION, {
    modelId,
    input: { format: 'ONNX', inputSchema: numberFeatures(4), ...input },
  });
  return dataOf(result).createModelVersion;
}

/** Uploads as a client does: a plain PUT of the bytes to the presigned URL. */
export async function put(uploadUrl: string, body: Buffer): Promise<void> {
  const response = await fetch(uploadUrl, { method: 'PUT', body });
  if (!response.ok) throw new Error(`PUT failed: ${response.status} ${await response.text()}`);
}

export async function complete(harness: RegistryHarness, caller: Caller, versionId: string) {
  return harness.call<{ completeModelVersionUpload: VersionView }>(caller, COMPLETE, { id: versionId });
}

/** createModelVersion → PUT → completeModelVersionUpload, failing the test on any error. */
export async function uploadVersion(
  harness: RegistryHarness,
  caller: Caller,
  modelId: string,
  file: Buffer,
  input: Record<string, unknown> = {},
): Promise<VersionView> {
  const upload = await createVersion(harness, caller, modelId, input);
  await put(upload.uploadUrl, file);
  return dataOf(await complete(harness, caller, upload.version.id)).completeModelVersionUpload;
}

export async function transition(harness: RegistryHarness, caller: Caller, versionId: string, stage: string) {
  return harness.call<{ transitionModelVersionStage: VersionView }>(caller, TRANSITION, {
    id: versionId,
    stage,
  });
}

export async function objectExists(harness: RegistryHarness, key: string): Promise<boolean> {
  return (await harness.infrastructure.objectStore.statObject(buckets.models, key)) !== undefined;
}

/**
 * Every object under a key prefix of the `models` bucket, staged uploads included: `scope` is
 * `[organizationId, modelId]` or `[organizationId, modelId, versionId]`. Sorted.
 */
export async function modelObjects(harness: RegistryHarness, ...scope: string[]): Promise<string[]> {
  const store = harness.infrastructure.objectStore;
  const prefix = `${scope.join('/')}/`;
  const keys = await Promise.all([
    store.listKeys(buckets.models, prefix),
    store.listKeys(buckets.models, `staging/${prefix}`),
  ]);
  return keys.flat().sort();
}

/** Runs one sweep as the registry process would, at the given time. */
export function sweep(harness: RegistryHarness, now: Date, settings: Partial<ArtifactSettings> = {}) {
  const logger = createLogger('sweeper-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const storage = new ArtifactStorage(harness.infrastructure.objectStore, harness.subgraph.orm, logger, {
    ...defaultArtifactSettings,
    ...settings,
  });
  return sweepArtifacts(harness.subgraph.orm, storage, logger, now);
}

/** Rows of a registry table matching a condition (PostgreSQL schema `registry`). */
export async function countRows(
  harness: RegistryHarness,
  table: string,
  where = 'true',
  params: unknown[] = [],
): Promise<number> {
  const qualified = harness.config.databaseUrl ? `registry.${table}` : table;
  const rows: { n: number | string }[] = await harness.subgraph.orm.em
    .getConnection()
    .execute(`select count(*) as n from ${qualified} where ${where}`, params);
  return Number(rows[0].n);
}

export const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000);

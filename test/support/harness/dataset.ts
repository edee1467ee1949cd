import type { Caller } from '../../../lib/caller';
import { buckets } from '../../../lib/object-store/object-store';
import type { GraphQLResponse } from '../subgraph-client';
import { expectData, type RegistryHarness } from './registry';

export const DATASET_FIELDS = `id name description status error rowCount sizeBytes profiledAt createdAt updatedAt
  columns { name type missingCount distinctCount min max mean } owner { id } organization { id }`;

export interface ColumnView {
  name: string;
  type: 'NUMBER' | 'CATEGORY';
  missingCount: number;
  distinctCount: number | null;
  min: number | null;
  max: number | null;
  mean: number | null;
}

export interface DatasetView {
  id: string;
  name: string;
  description: string | null;
  status: 'PENDING' | 'READY' | 'FAILED';
  error: string | null;
  rowCount: number | null;
  sizeBytes: number | null;
  profiledAt: string | null;
  createdAt: string;
  updatedAt: string;
  columns: ColumnView[];
  owner: { id: string };
  organization: { id: string };
}

export interface UploadView {
  dataset: DatasetView;
  uploadUrl: string;
  uploadExpiresAt: string;
}

export const CREATE_DATASET = `mutation ($input: CreateDatasetInput!) {
  createDataset(input: $input) { uploadUrl uploadExpiresAt dataset { ${DATASET_FIELDS} } } }`;
export const COMPLETE_UPLOAD = `mutation ($id: ID!) { completeDatasetUpload(datasetId: $id) { ${DATASET_FIELDS} } }`;
export const GET_DATASET = `query ($id: ID!) { dataset(id: $id) { ${DATASET_FIELDS} } }`;
export const DELETE_DATASET = `mutation ($id: ID!) { deleteDataset(id: $id) }`;

/** Creates a dataset and returns it with its upload URL, failing the test on any error. */
export async function createDataset(
  harness: RegistryHarness,
  caller: Caller,
  input: Record<string, unknown>,
): Promise<UploadView> {
  const result = await harness.call<{ createDataset: UploadView }>(caller, CREATE_DATASET, { input });
  if (result.errors) throw new Error(`createDataset failed: ${JSON.stringify(result.errors)}`);
  return result.data!.createDataset;
}

/** PUTs a file to a presigned URL, as `curl -X PUT --upload-file` does. */
export async function putFile(url: string, body: string | Buffer): Promise<void> {
  const response = await fetch(url, { method: 'PUT', body });
  if (response.status !== 200) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
}

export function completeUpload(
  harness: RegistryHarness,
  caller: Caller,
  id: string,
): Promise<GraphQLResponse<{ completeDatasetUpload: DatasetView }>> {
  return harness.call(caller, COMPLETE_UPLOAD, { id });
}

export const getDataset = async (
  harness: RegistryHarness,
  caller: Caller,
  id: string,
): Promise<DatasetView> =>
  (await expectData<{ dataset: DatasetView }>(harness, caller, GET_DATASET, { id })).dataset;

/** Creates, uploads and completes a dataset; returns the completion's answer (errors included). */
export async function uploadDataset(
  harness: RegistryHarness,
  caller: Caller,
  name: string,
  file: string | Buffer,
): Promise<{ upload: UploadView; result: GraphQLResponse<{ completeDatasetUpload: DatasetView }> }> {
  const upload = await createDataset(harness, caller, { name });
  await putFile(upload.uploadUrl, file);
  return { upload, result: await completeUpload(harness, caller, upload.dataset.id) };
}

/** Like uploadDataset, for a file that must be profiled without error. */
export async function readyDataset(
  harness: RegistryHarness,
  caller: Caller,
  name: string,
  file: string | Buffer,
): Promise<DatasetView> {
  const { result } = await uploadDataset(harness, caller, name, file);
  if (result.errors) throw new Error(`completeDatasetUpload failed: ${JSON.stringify(result.errors)}`);
  return result.data!.completeDatasetUpload;
}

/** Every object of a dataset in the `datasets` bucket: its staged upload and its profiled file. Sorted. */
export async function datasetObjects(
  harness: RegistryHarness,
  organizationId: string,
  datasetId: string,
): Promise<string[]> {
  const store = harness.infrastructure.objectStore;
  const prefix = `${organizationId}/${datasetId}/`;
  const keys = await Promise.all([
    store.listKeys(buckets.datasets, prefix),
    store.listKeys(buckets.datasets, `staging/${prefix}`),
  ]);
  return keys.flat().sort();
}

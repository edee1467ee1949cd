import { randomBytes } from 'node:crypto';
import type { ObjectStore } from '../../../lib/object-store/object-store';

/*
 * The upload lifecycle shared by model versions and datasets: staging → verified → immutable.
 *
 * A client PUTs its file to a staging key, the only key a presigned PUT URL is ever signed for. Completing the
 * upload copies the staged object to a fresh immutable key, verifies that copy (ONNX inspection, CSV profiling)
 * and records its SHA-256 and size with the key. The copy is what gets verified and kept, never the staging
 * object: a PUT through the upload URL during or after the check changes the staging key only. Each completion
 * copies to a key of its own, so two completions of one upload never overwrite each other's verified file; the
 * one that commits keeps its key, the other's copy is removed.
 */

const unguessable = () => randomBytes(16).toString('hex');

/**
 * A staging key under `staging/`, ending in a random part: nothing about it can be derived from the final key,
 * and the final key from it.
 */
export function newStagingKey(...scope: string[]): string {
  return ['staging', ...scope, unguessable()].join('/');
}

/** A key no URL can write: `<scope…>/<random>/<fileName>`, new for every completion. */
export function newImmutableKey(fileName: string, ...scope: string[]): string {
  return [...scope, unguessable(), fileName].join('/');
}

export type StagedCopy =
  { status: 'copied'; sizeBytes: number } | { status: 'missing' } | { status: 'tooLarge'; sizeBytes: number };

/**
 * Copies the staged upload to `immutableKey` unless there is none or it is over `maxBytes`. The size is checked
 * before the copy (nothing large is copied for nothing) and on the copy (the staged object may have been replaced
 * in between). A refused copy may exist at `immutableKey`: the caller removes it with the staging object.
 */
export async function copyStagedUpload(
  store: ObjectStore,
  bucket: string,
  stagingKey: string,
  immutableKey: string,
  maxBytes: number,
): Promise<StagedCopy> {
  const staged = await store.statObject(bucket, stagingKey);
  if (!staged) return { status: 'missing' };
  if (staged.size > maxBytes) return { status: 'tooLarge', sizeBytes: staged.size };
  try {
    await store.copyObject(bucket, stagingKey, immutableKey);
  } catch (error) {
    // Removed between the stat and the copy (the sweeper, after the URL expired).
    if (!(await store.statObject(bucket, stagingKey))) return { status: 'missing' };
    throw error;
  }
  const copied = await store.statObject(bucket, immutableKey);
  if (!copied) throw new Error(`the copy of ${stagingKey} is missing right after it was made`);
  if (copied.size > maxBytes) return { status: 'tooLarge', sizeBytes: copied.size };
  return { status: 'copied', sizeBytes: copied.size };
}

/** Why an upload over the limit was refused (a version's `statusReason`, a dataset's `error`). */
export function tooLargeReason(sizeBytes: number, maxBytes: number): string {
  return `the file has ${sizeBytes} bytes; at most ${maxBytes} are accepted`;
}

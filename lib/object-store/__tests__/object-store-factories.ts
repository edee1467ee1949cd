import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startVerifyingS3 } from '../../../test/support/verifying-s3';
import { createLogger } from '../../logger';
import { startEmbeddedObjectStore } from '../embedded-object-store';
import { MinioObjectStore } from '../minio-object-store';
import type { ObjectStore } from '../object-store';

export interface StoreUnderTest {
  store: ObjectStore;
  close(): Promise<void>;
}

/** One implementation of the object-store port, with what its contract test may expect of it. */
export interface ObjectStoreFactory {
  name: string;
  /** A PUT over the URL's `maxBytes` is refused and stores nothing. */
  enforcesMaxBytes: boolean;
  start(): Promise<StoreUnderTest>;
}

const logger = createLogger('object-store-test', 'silent');

async function startFileStore(): Promise<StoreUnderTest> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'mlaas-file-store-'));
  const embedded = await startEmbeddedObjectStore({ dataDir, port: 0, logger });
  return {
    store: embedded.store,
    close: async () => {
      await embedded.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The MinIO client against an S3 server that verifies every signature as S3 and MinIO do (s3rver behind
 * test/support/verifying-s3.ts: s3rver alone accepts any signature).
 */
async function startMinioOnVerifyingS3(): Promise<StoreUnderTest> {
  const directory = await mkdtemp(path.join(tmpdir(), 'mlaas-s3-contract-'));
  const s3 = await startVerifyingS3({ directory });
  const store = new MinioObjectStore({ ...s3, bucketPrefix: `c${randomBytes(3).toString('hex')}-` });
  return {
    store,
    close: async () => {
      await store.close();
      await s3.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export const objectStoreFactories: ObjectStoreFactory[] = [
  { name: 'FileObjectStore', enforcesMaxBytes: true, start: startFileStore },
  {
    name: 'MinioObjectStore on a SigV4-verifying S3',
    // A presigned PUT cannot bound its body on S3 (only POST policies can): the registry checks at completion.
    enforcesMaxBytes: false,
    start: startMinioOnVerifyingS3,
  },
];

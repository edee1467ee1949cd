import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedS3 } from '../../../test/support/embedded-s3';
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
  /** Its presigned URLs are verified: an edited, expired or unsigned request is refused. */
  verifiesSignatures: boolean;
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

/** s3rver accepts any signature: the SigV4-verifying front that fixes that is another factory's. */
async function startMinioOnS3rver(): Promise<StoreUnderTest> {
  const directory = await mkdtemp(path.join(tmpdir(), 'mlaas-s3-contract-'));
  const s3 = await startEmbeddedS3({ directory });
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
  { name: 'FileObjectStore', verifiesSignatures: true, enforcesMaxBytes: true, start: startFileStore },
  {
    name: 'MinioObjectStore on s3rver',
    verifiesSignatures: false,
    enforcesMaxBytes: false,
    start: startMinioOnS3rver,
  },
];

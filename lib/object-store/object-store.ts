import type { Readable } from 'node:stream';

export interface ObjectInfo {
  size: number;
  etag: string;
  lastModified: Date;
}

export interface PresignedPutOptions {
  /** Largest body the URL accepts. */
  maxBytes?: number;
}

/**
 * Object storage: S3 (MinIO) in production, files under the data folder in embedded mode. Presigned URLs are
 * verified by whoever serves them (S3, or the embedded store's own server), so a URL edited in any way is refused.
 */
export interface ObjectStore {
  ensureBucket(bucket: string): Promise<void>;
  putObject(bucket: string, key: string, body: Buffer | Readable, contentType?: string): Promise<void>;
  getObject(bucket: string, key: string): Promise<Readable>;
  /** `undefined` when there is no such object. */
  statObject(bucket: string, key: string): Promise<ObjectInfo | undefined>;
  removeObjects(bucket: string, keys: string[]): Promise<void>;
  listKeys(bucket: string, prefix: string): Promise<string[]>;
  /**
   * Copies an object within a bucket (staging key → immutable final key). Throws when the source is missing.
   * The copy is whole or absent: readers never see a partial target.
   */
  copyObject(bucket: string, sourceKey: string, targetKey: string): Promise<void>;
  /**
   * A URL that lets its holder PUT one object at `key` until it expires. Where the store can enforce it
   * (the embedded store), a body over `maxBytes` is refused at the PUT; elsewhere the caller checks the size
   * when the upload completes.
   */
  presignedPutUrl(
    bucket: string,
    key: string,
    expiresInSeconds: number,
    options?: PresignedPutOptions,
  ): Promise<string>;
  presignedGetUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string>;
  /** Throws when the store cannot be reached. */
  ping(): Promise<void>;
}

/** Bucket names used by the platform (a prefix may be configured with S3_BUCKET_PREFIX). */
export const buckets = { models: 'models', datasets: 'datasets', artifacts: 'artifacts' } as const;

import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import { Client } from 'minio';
import { buckets, type ObjectInfo, type ObjectStore } from './object-store';

export interface MinioObjectStoreOptions {
  /** Base URL of the S3-compatible server, e.g. `http://minio:9000` or `https://s3.example.com`. */
  endPoint: string;
  accessKey: string;
  secretKey: string;
  /**
   * Base URL clients reach the server at, when it differs from `endPoint` (e.g. `http://localhost:9000` for
   * MinIO inside docker-compose). Presigned URLs are signed for this host: the signature covers the host.
   * @default endPoint
   */
  publicEndPoint?: string;
  /**
   * Signing region. Set so the client never asks the server for a bucket's location first.
   * @default 'us-east-1'
   */
  region?: string;
  /**
   * Prepended to every bucket name, so several deployments can share one S3 account.
   * @default ''
   */
  bucketPrefix?: string;
  /**
   * A stream of unknown length up to this many bytes is buffered and sent in one PUT; a longer one goes as a
   * multipart upload. One PUT is faster for the small objects that dominate, and it is the only way s3rver
   * (the tests' S3 server) accepts a stream: it does not implement the upload listing multipart starts with.
   * @default 67_108_864 (64 MiB)
   */
  singlePutLimitBytes?: number;
}

/** Error codes meaning "no such object" (HEAD answers carry no body, so the client reports NotFound). */
const NOT_FOUND_CODES = new Set(['NotFound', 'NoSuchKey']);
/** A concurrent replica created the bucket first: fine. */
const BUCKET_EXISTS_CODES = new Set(['BucketAlreadyOwnedByYou', 'BucketAlreadyExists']);

/** Splits an endpoint URL into what the minio client wants (it takes a host name, not a URL). */
export function parseEndpoint(endPoint: string): { endPoint: string; port: number; useSSL: boolean } {
  const url = new URL(endPoint);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`S3 endpoint must be an http:// or https:// URL, got ${endPoint}`);
  }
  if (url.pathname !== '/' && url.pathname !== '')
    throw new Error(`S3 endpoint must not have a path: ${endPoint}`);
  const useSSL = url.protocol === 'https:';
  return { endPoint: url.hostname, port: url.port ? Number(url.port) : useSSL ? 443 : 80, useSSL };
}

/** The object store over any S3-compatible server (MinIO in production, s3rver in tests). */
export class MinioObjectStore implements ObjectStore {
  private readonly client: Client;
  /** Signs presigned URLs only: with the region known, signing needs no request to the server. */
  private readonly signer: Client;
  private readonly agent: http.Agent;
  private readonly bucketPrefix: string;
  private readonly singlePutLimitBytes: number;

  constructor(options: MinioObjectStoreOptions) {
    const target = parseEndpoint(options.endPoint);
    // An agent of our own, so close() can drop its keep-alive sockets instead of leaving them to the global one.
    this.agent = target.useSSL ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
    this.client = new Client({
      ...target,
      accessKey: options.accessKey,
      secretKey: options.secretKey,
      region: options.region ?? 'us-east-1',
      // Virtual-host addressing needs wildcard DNS; path style works with every server.
      pathStyle: true,
      transportAgent: this.agent,
    });
    this.signer = options.publicEndPoint
      ? new Client({
          ...parseEndpoint(options.publicEndPoint),
          accessKey: options.accessKey,
          secretKey: options.secretKey,
          region: options.region ?? 'us-east-1',
          pathStyle: true,
        })
      : this.client;
    this.bucketPrefix = options.bucketPrefix ?? '';
    this.singlePutLimitBytes = options.singlePutLimitBytes ?? 64 * 1024 * 1024;
  }

  /** The real bucket name behind a platform bucket name. */
  bucketName(bucket: string): string {
    return this.bucketPrefix + bucket;
  }

  async ensureBucket(bucket: string): Promise<void> {
    const name = this.bucketName(bucket);
    if (await this.client.bucketExists(name)) return;
    try {
      await this.client.makeBucket(name);
    } catch (error) {
      if (!BUCKET_EXISTS_CODES.has(errorCode(error))) throw error;
    }
  }

  async putObject(bucket: string, key: string, body: Buffer | Readable, contentType?: string): Promise<void> {
    const metadata = contentType ? { 'Content-Type': contentType } : undefined;
    const content = Buffer.isBuffer(body) ? body : await bufferUpTo(body, this.singlePutLimitBytes);
    await this.client.putObject(this.bucketName(bucket), key, content, undefined, metadata);
  }

  getObject(bucket: string, key: string): Promise<Readable> {
    return retryOnStaleSocket(() => this.client.getObject(this.bucketName(bucket), key));
  }

  async statObject(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    try {
      const stat = await retryOnStaleSocket(() => this.client.statObject(this.bucketName(bucket), key));
      return { size: stat.size, etag: stat.etag, lastModified: stat.lastModified };
    } catch (error) {
      if (NOT_FOUND_CODES.has(errorCode(error))) return undefined;
      throw error;
    }
  }

  async removeObjects(bucket: string, keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    // DeleteObjects answers 200 even when some keys failed; the failures are listed in the body.
    const results = await this.client.removeObjects(this.bucketName(bucket), keys);
    const failures = results.flatMap((r) =>
      r?.Error ? [`${r.Error.Key}: ${r.Error.Code} ${r.Error.Message}`] : [],
    );
    if (failures.length)
      throw new Error(`could not remove ${failures.length} object(s): ${failures.join('; ')}`);
  }

  async listKeys(bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    const stream = this.client.listObjectsV2(this.bucketName(bucket), prefix, true);
    for await (const item of stream) if (item.name) keys.push(item.name);
    return keys;
  }

  async copyObject(bucket: string, sourceKey: string, targetKey: string): Promise<void> {
    const name = this.bucketName(bucket);
    // Server-side copy: the bytes never pass through this process.
    await this.client.copyObject(name, targetKey, `/${name}/${sourceKey}`);
  }

  /** S3 cannot bound the body of a presigned PUT (only POST policies can): the size is checked at completion. */
  presignedPutUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    return this.signer.presignedPutObject(this.bucketName(bucket), key, expiresInSeconds);
  }

  presignedGetUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    return this.signer.presignedGetObject(this.bucketName(bucket), key, expiresInSeconds);
  }

  /**
   * A signed HEAD of one platform bucket: it needs only s3:ListBucket on it, which the services' MinIO user has
   * (listing every bucket would need s3:ListAllMyBuckets, which it has not). A missing bucket still answers.
   */
  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucketName(buckets.models));
  }

  /** Drops pooled connections (not part of ObjectStore: only the owner of the store closes it). */
  async close(): Promise<void> {
    this.agent.destroy();
  }
}

const STALE_SOCKET_CODES = new Set(['ECONNRESET', 'EPIPE']);

/**
 * Runs a read once more when its pooled keep-alive socket turned out to be closed by the server (it closes idle
 * sockets after its own timeout, 5 s for Node servers, and a request sent at that moment fails with ECONNRESET
 * before the server saw it). Only for reads: sending them twice is harmless.
 */
export async function retryOnStaleSocket<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const code = (error as { code?: string }).code;
    const hungUp = (error as Error).message === 'socket hang up';
    if (!hungUp && !(code && STALE_SOCKET_CODES.has(code))) throw error;
    return read();
  }
}

/** The whole stream as one buffer if it ends within `limit` bytes; otherwise an equivalent stream. */
async function bufferUpTo(stream: Readable, limit: number): Promise<Buffer | Readable> {
  const chunks: Buffer[] = [];
  let total = 0;
  const iterator: AsyncIterator<Buffer | string> = stream[Symbol.asyncIterator]();
  for (;;) {
    const next = await iterator.next();
    if (next.done) return Buffer.concat(chunks, total);
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    chunks.push(chunk);
    total += chunk.length;
    if (total > limit) return Readable.from(replay(chunks, iterator), { objectMode: false });
  }
}

async function* replay(
  head: Buffer[],
  rest: AsyncIterator<Buffer | string>,
): AsyncGenerator<Buffer | string> {
  yield* head;
  for (let next = await rest.next(); !next.done; next = await rest.next()) yield next.value;
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

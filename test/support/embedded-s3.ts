import { mkdir } from 'node:fs/promises';
import S3rver from 's3rver';

export interface EmbeddedS3Options {
  /** Where buckets and objects are stored as plain files; they survive a restart. */
  directory: string;
  /**
   * The port to listen on; 0 picks a free one.
   * @default 0
   */
  port?: number;
  /**
   * The interface to listen on. Loopback only: the server accepts any signature (see below).
   * @default '127.0.0.1'
   */
  host?: string;
}

export interface EmbeddedS3 {
  /** Base URL for an S3 client (`http://127.0.0.1:<port>`). */
  endPoint: string;
  accessKey: string;
  secretKey: string;
  close(): Promise<void>;
}

/** How long close() lets requests in flight finish before cutting their connections. */
const CLOSE_GRACE_MS = 2_000;

/**
 * Starts an in-process S3-compatible server (s3rver) for tests that need an S3 server (MinioObjectStore, the
 * production topology), so they run with nothing but Node.
 *
 * s3rver does NOT verify SigV4 signatures (any request naming its access key is accepted, presigned URLs
 * included), so it is never a store the platform runs on: embedded mode uses the file object store
 * (lib/object-store/file-object-store.ts), production MinIO (S3_ENDPOINT). This server listens on loopback only.
 */
export async function startEmbeddedS3(options: EmbeddedS3Options): Promise<EmbeddedS3> {
  await mkdir(options.directory, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const server = new S3rver({
    address: host,
    port: options.port ?? 0,
    directory: options.directory,
    silent: true,
    // Buckets are addressed by path (the client uses pathStyle); a host name is never a bucket.
    vhostBuckets: false,
    resetOnClose: false,
  });
  tolerateFolderPruningRaces(server);
  const address = await server.run();
  let closing: Promise<void> | undefined;
  return {
    endPoint: `http://${host}:${address.port}`,
    // The only credentials s3rver knows.
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    close: () => (closing ??= closeServer(server)),
  };
}

/**
 * s3rver deletes the keys of one DeleteObjects request in parallel, each then pruning its empty parent folders; keys
 * that share a folder race on it (ENOENT, ENOTEMPTY) and the request fails with 500 although every object is gone.
 * The objects are removed before the pruning starts, so a lost pruning race is ignored.
 */
function tolerateFolderPruningRaces(server: S3rver): void {
  const store = server.store;
  const deleteObject = store.deleteObject.bind(store);
  store.deleteObject = async (bucket, key) => {
    try {
      await deleteObject(bucket, key);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTEMPTY') throw error;
    }
  };
}

async function closeServer(server: S3rver): Promise<void> {
  const http = server.httpServer;
  const closed = server.close();
  // Idle keep-alive sockets would hold the process open; busy ones get a grace period.
  http?.closeIdleConnections();
  const cutoff = setTimeout(() => http?.closeAllConnections(), CLOSE_GRACE_MS);
  cutoff.unref();
  try {
    await closed;
  } finally {
    clearTimeout(cutoff);
  }
}

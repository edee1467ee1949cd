// s3rver ships no types; only what test/support/embedded-s3.ts uses is declared.
declare module 's3rver' {
  import type { Server } from 'node:http';
  import type { AddressInfo } from 'node:net';

  interface S3rverOptions {
    address?: string;
    port?: number;
    silent?: boolean;
    directory?: string;
    resetOnClose?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
    configureBuckets?: { name: string; configs?: (string | Buffer)[] }[];
  }

  interface FilesystemStore {
    deleteObject(bucket: string, key: string): Promise<void>;
  }

  class S3rver {
    constructor(options?: S3rverOptions);
    httpServer: Server | undefined;
    store: FilesystemStore;
    run(): Promise<AddressInfo>;
    close(): Promise<void>;
  }

  export = S3rver;
}

import { access, mkdir, open, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  copyToPartialFile,
  FOLDER_MODE,
  moveIntoPlace,
  writePartialFile,
  type PartialFile,
} from './atomic-file';
import { FileMd5Cache } from './file-md5-cache';
import { filesBelow, pruneEmptyFolders } from './file-tree';
import { NoSuchBucketError, NoSuchObjectError } from './object-errors';
import { checkBucketName, checkObjectKey } from './object-names';
import type { ObjectInfo, ObjectStore, PresignedPutOptions } from './object-store';
import type { ObjectGrant, ObjectUrlSigner, SignedMethod } from './signed-object-url';

export interface FileObjectStoreOptions {
  /** Root folder: one subfolder per bucket, one file per object at `<bucket>/<key>`. */
  directory: string;
  /** Base URL of the server that serves this store's signed URLs (see startFileObjectServer). */
  publicUrl: string;
  signer: ObjectUrlSigner;
  /**
   * Clock for URL expiry, in milliseconds.
   * @default Date.now
   */
  now?: () => number;
}

/** S3's longest presigned URL lifetime (7 days). */
const MAX_URL_SECONDS = 7 * 24 * 3600;
/** Where writes are assembled before their rename; a bucket name cannot start with a dot. */
const PARTIAL_FOLDER = '.partial';

export interface OpenedObject {
  /** Streams the file; closes it at the end or when destroyed. */
  body: Readable;
  size: number;
  lastModified: Date;
}

/**
 * The embedded object store: objects are files under `directory/<bucket>/<key>` (folders 0700, files 0600), written
 * whole or not at all, and its presigned URLs are signed for the platform's own server, which verifies them.
 */
export class FileObjectStore implements ObjectStore {
  private readonly root: string;
  private readonly partialDir: string;
  private readonly now: () => number;
  private readonly md5s = new FileMd5Cache();

  private constructor(private readonly options: FileObjectStoreOptions) {
    this.root = path.resolve(options.directory);
    this.partialDir = path.join(this.root, PARTIAL_FOLDER);
    this.now = options.now ?? Date.now;
  }

  /** Opens the store on its folder, dropping parts of writes a previous process left unfinished. */
  static async open(options: FileObjectStoreOptions): Promise<FileObjectStore> {
    const store = new FileObjectStore(options);
    await mkdir(store.root, { recursive: true, mode: FOLDER_MODE });
    await rm(store.partialDir, { recursive: true, force: true });
    await mkdir(store.partialDir, { mode: FOLDER_MODE });
    return store;
  }

  async ensureBucket(bucket: string): Promise<void> {
    checkBucketName(bucket);
    await mkdir(path.join(this.root, bucket), { recursive: true, mode: FOLDER_MODE });
  }

  async putObject(bucket: string, key: string, body: Buffer | Readable): Promise<void> {
    await this.writeObject(bucket, key, body);
  }

  /** Stores `body` at `key`; over `maxBytes` it fails with ObjectTooLargeError and the key keeps what it had. */
  async writeObject(
    bucket: string,
    key: string,
    body: Buffer | Readable,
    maxBytes?: number,
  ): Promise<{ size: number; etag: string }> {
    checkBucketName(bucket);
    checkObjectKey(key);
    const partial = await writePartialFile(body, this.partialDir, maxBytes);
    await this.install(partial, bucket, key, partial.md5);
    return { size: partial.stats.size, etag: partial.md5 };
  }

  async getObject(bucket: string, key: string): Promise<Readable> {
    return (await this.openObject(bucket, key)).body;
  }

  /** The object's content with what a download response says about it. */
  async openObject(bucket: string, key: string): Promise<OpenedObject> {
    const handle = await open(await this.fileOf(bucket, key), 'r').catch(rethrowMissing);
    try {
      const stats = await handle.stat();
      // A key that names a folder (of other keys) is no object.
      if (!stats.isFile()) throw new NoSuchObjectError();
      return { body: handle.createReadStream(), size: stats.size, lastModified: new Date(stats.mtimeMs) };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async statObject(bucket: string, key: string): Promise<ObjectInfo | undefined> {
    const file = await this.fileOf(bucket, key);
    const stats = await stat(file).catch(missingAsUndefined);
    if (!stats?.isFile()) return undefined;
    return {
      size: stats.size,
      etag: await this.md5s.md5Of(file, stats),
      lastModified: new Date(stats.mtimeMs),
    };
  }

  async removeObjects(bucket: string, keys: string[]): Promise<void> {
    for (const key of keys) {
      const file = await this.fileOf(bucket, key);
      try {
        await unlink(file);
      } catch (error) {
        // Removing what is not there (a folder is no object) succeeds, as in S3.
        const code = (error as NodeJS.ErrnoException).code ?? '';
        if (!MISSING_CODES.has(code) && code !== 'EISDIR') throw error;
        continue;
      }
      this.md5s.forget(file);
      await pruneEmptyFolders(path.join(this.root, bucket), file);
    }
  }

  async listKeys(bucket: string, prefix: string): Promise<string[]> {
    await this.bucketFolder(bucket);
    // Only the folder the prefix's complete segments name is walked; a prefix no valid key has matches nothing.
    const folder = prefix.slice(0, prefix.lastIndexOf('/') + 1).replace(/\/$/, '');
    if (folder && !isValidKey(folder)) return [];
    const keys = await filesBelow(path.join(this.root, bucket), folder);
    return keys.filter((key) => key.startsWith(prefix)).sort();
  }

  async copyObject(bucket: string, sourceKey: string, targetKey: string): Promise<void> {
    checkObjectKey(targetKey);
    const source = await this.fileOf(bucket, sourceKey);
    const before = await stat(source).catch(rethrowMissing);
    if (!before.isFile()) throw new NoSuchObjectError();
    const md5 = await this.md5s.md5Of(source, before);
    const copied = await copyToPartialFile(source, this.partialDir).catch(rethrowMissing);
    // Files are replaced by rename, never rewritten: the same inode before and after is the content copied.
    const after = await stat(source).catch(missingAsUndefined);
    await this.install(copied, bucket, targetKey, after?.ino === before.ino ? md5 : undefined);
  }

  async presignedPutUrl(
    bucket: string,
    key: string,
    expiresInSeconds: number,
    options: PresignedPutOptions = {},
  ): Promise<string> {
    if (
      options.maxBytes !== undefined &&
      !(Number.isSafeInteger(options.maxBytes) && options.maxBytes >= 0)
    ) {
      throw new RangeError('maxBytes must be a non-negative integer');
    }
    return this.signedUrl('PUT', bucket, key, expiresInSeconds, options.maxBytes);
  }

  async presignedGetUrl(bucket: string, key: string, expiresInSeconds: number): Promise<string> {
    return this.signedUrl('GET', bucket, key, expiresInSeconds);
  }

  async ping(): Promise<void> {
    await access(this.root);
  }

  private signedUrl(
    method: SignedMethod,
    bucket: string,
    key: string,
    expiresInSeconds: number,
    maxBytes?: number,
  ): string {
    checkBucketName(bucket);
    checkObjectKey(key);
    if (!Number.isInteger(expiresInSeconds) || expiresInSeconds < 1 || expiresInSeconds > MAX_URL_SECONDS) {
      throw new RangeError(`expiresInSeconds must be an integer from 1 to ${MAX_URL_SECONDS}`);
    }
    const expires = Math.floor(this.now() / 1000) + expiresInSeconds;
    const grant: ObjectGrant = { method, bucket, key, expires, maxBytes };
    return this.options.signer.url(this.options.publicUrl, grant);
  }

  /** The file of an object in an existing bucket (the key is checked first, so it cannot leave the bucket). */
  private async fileOf(bucket: string, key: string): Promise<string> {
    checkObjectKey(key);
    return path.join(await this.bucketFolder(bucket), ...key.split('/'));
  }

  private async bucketFolder(bucket: string): Promise<string> {
    checkBucketName(bucket);
    const folder = path.join(this.root, bucket);
    await access(folder).catch(() => {
      throw new NoSuchBucketError(bucket);
    });
    return folder;
  }

  /** Renames a partial file to the object's file; its MD5, when known, is remembered for stat. */
  private async install(partial: PartialFile, bucket: string, key: string, md5?: string): Promise<void> {
    const file = await this.fileOf(bucket, key).catch(async (error: unknown) => {
      await rm(partial.path, { force: true });
      throw error;
    });
    await moveIntoPlace(partial.path, file);
    if (md5) this.md5s.remember(file, partial.stats, md5);
  }
}

function isValidKey(key: string): boolean {
  try {
    checkObjectKey(key);
    return true;
  } catch {
    return false;
  }
}

/** No file at the path: it is not there, or a part of the path is a file. */
const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR']);

function rethrowMissing(error: NodeJS.ErrnoException): never {
  if (MISSING_CODES.has(error.code ?? '')) throw new NoSuchObjectError();
  throw error;
}

function missingAsUndefined(error: NodeJS.ErrnoException): undefined {
  if (MISSING_CODES.has(error.code ?? '')) return undefined;
  throw error;
}

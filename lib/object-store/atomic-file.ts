import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream, type Stats } from 'node:fs';
import { chmod, constants, copyFile, mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ObjectKeyConflictError, ObjectTooLargeError } from './object-errors';

/** Folders hold objects of one deployment only. */
export const FOLDER_MODE = 0o700;
/** Object files are readable by the platform's user only. */
export const FILE_MODE = 0o600;

export interface PartialFile {
  /** Where the file waits for its rename into place (see moveIntoPlace). */
  path: string;
  /** The file's own, taken before any rename (a later writer's file has another inode). */
  stats: Stats;
}

export interface WrittenPartialFile extends PartialFile {
  /** MD5 of the content, hex: what S3 gives as the ETag of a single-part object. */
  md5: string;
}

/**
 * Streams `body` into a new file in `partialDir`, flushed to disk. A body over `maxBytes` fails with
 * ObjectTooLargeError once its bytes pass the limit; any failure removes the file. The body is piped before this
 * function first waits, so an error it emits meanwhile is never unhandled.
 */
export async function writePartialFile(
  body: Buffer | Readable,
  partialDir: string,
  maxBytes?: number,
): Promise<WrittenPartialFile> {
  const partial = partialPath(partialDir);
  const measured = new MeasuredBody(maxBytes);
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body;
  const written = pipeline(source, measured, createWriteStream(partial, { flags: 'wx', mode: FILE_MODE }));
  try {
    await written;
    return { path: partial, stats: await flushToDisk(partial), md5: measured.hash.digest('hex') };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/** A copy of `source` in `partialDir`, flushed to disk. */
export async function copyToPartialFile(source: string, partialDir: string): Promise<PartialFile> {
  const partial = partialPath(partialDir);
  try {
    // A reflink where the file system has them (no bytes copied), a plain copy elsewhere.
    await copyFile(source, partial, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE);
    await chmod(partial, FILE_MODE);
    return { path: partial, stats: await flushToDisk(partial) };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

function partialPath(partialDir: string): string {
  return path.join(partialDir, `${randomUUID()}.partial`);
}

/** So that a crash right after the rename cannot leave an empty file under the object's name. */
async function flushToDisk(file: string): Promise<Stats> {
  const handle = await open(file, 'r');
  try {
    await handle.datasync();
    return await handle.stat();
  } finally {
    await handle.close();
  }
}

/** Folder-conflict codes: the target path is, or lies below, what a key of another shape needs. */
const CONFLICT_CODES = new Set(['ENOTDIR', 'EISDIR', 'EEXIST', 'ENOTEMPTY']);

/**
 * Renames a partial file to `target` (making its folders): a reader sees the old file or the whole new one, never
 * part of it. On failure the partial file is removed.
 */
export async function moveIntoPlace(partial: string, target: string): Promise<void> {
  try {
    await renameMakingFolders(partial, target);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function renameMakingFolders(partial: string, target: string): Promise<void> {
  // A removal in the same folder may prune the folder between mkdir and rename: make it again, once.
  for (let attempt = 1; ; attempt++) {
    try {
      await mkdir(path.dirname(target), { recursive: true, mode: FOLDER_MODE });
      await rename(partial, target);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (CONFLICT_CODES.has(code)) throw new ObjectKeyConflictError();
      if (code !== 'ENOENT' || attempt === 2) throw error;
    }
  }
}

/** Passes a body through, counting and hashing it, and fails it the moment it passes its limit. */
class MeasuredBody extends Transform {
  readonly hash = createHash('md5');
  size = 0;

  constructor(private readonly maxBytes = Number.POSITIVE_INFINITY) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) {
      callback(new ObjectTooLargeError(this.maxBytes));
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }
}

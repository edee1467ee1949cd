import { createHash } from 'node:crypto';
import { createReadStream, type Stats } from 'node:fs';
import { LruCache } from '../lru-cache';

interface KnownMd5 {
  ino: number;
  size: number;
  mtimeMs: number;
  md5: string;
}

/**
 * The MD5 (S3's ETag) of object files, remembered from when they were written so that stat does not read a file
 * again. An entry counts only for the very file it was taken from (same inode, size and mtime): files are replaced by
 * rename, never rewritten. Unknown files (after a restart) are read once.
 */
export class FileMd5Cache {
  private readonly entries: LruCache<string, KnownMd5>;

  /** @param maxEntries files remembered at most; the least recently used are read again when asked. */
  constructor(maxEntries = 10_000) {
    this.entries = new LruCache(maxEntries);
  }

  remember(file: string, { ino, size, mtimeMs }: Stats, md5: string): void {
    this.entries.set(file, { ino, size, mtimeMs, md5 });
  }

  forget(file: string): void {
    this.entries.delete(file);
  }

  /** The MD5 of `file`, whose current stats are `stats`. */
  async md5Of(file: string, stats: Stats): Promise<string> {
    const known = this.entries.get(file);
    if (known && known.ino === stats.ino && known.size === stats.size && known.mtimeMs === stats.mtimeMs) {
      return known.md5;
    }
    const hash = createHash('md5');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    const md5 = hash.digest('hex');
    this.remember(file, stats, md5);
    return md5;
  }
}

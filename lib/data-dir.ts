import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Owner-only: the data folder holds password hashes, refresh tokens, the JWT signing key and every artifact. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes every file this process creates from now on owner-only (0600, folders 0700). SQLite creates its
 * databases and their -wal/-shm files itself, without a mode we could pass; the umask is the one place that
 * reaches them all, and the other stores' files too.
 */
export function restrictNewFiles(): void {
  process.umask(0o077);
}

/**
 * Creates the data folder owner-only, or tightens one made before this rule: the folder 0700 and what lies at its
 * top (databases, keys; the object stores' folders) 0600 or 0700. Deeper files of an older store are left as
 * they are: behind a 0700 folder nobody else reaches them, and walking every object would slow each start.
 */
export function preparePrivateDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  chmodSync(dataDir, PRIVATE_DIRECTORY_MODE);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    const entryPath = path.join(dataDir, entry.name);
    if (entry.isDirectory()) chmodSync(entryPath, PRIVATE_DIRECTORY_MODE);
    else if (entry.isFile()) chmodSync(entryPath, PRIVATE_FILE_MODE);
  }
}

import { readdir, rmdir } from 'node:fs/promises';
import path from 'node:path';

/** Keys (slash-separated paths relative to `root`) of every file below `root/folder`, in no particular order. */
export async function filesBelow(root: string, folder: string): Promise<string[]> {
  const keys: string[] = [];
  // Depth-first with an explicit stack: a deep tree cannot overflow the call stack.
  const pending = [folder];
  while (pending.length) {
    const current = pending.pop()!;
    const entries = await readEntries(path.join(root, ...current.split('/').filter(Boolean)));
    for (const entry of entries) {
      const key = current ? `${current}/${entry.name}` : entry.name;
      if (entry.isDirectory()) pending.push(key);
      else if (entry.isFile()) keys.push(key);
    }
  }
  return keys;
}

async function readEntries(folder: string) {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    // A folder that is not there (or is a file) holds no keys.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
}

/**
 * Removes the now empty folders from `file`'s up to (not including) `root`, so deleted keys leave no folders
 * behind. Stops at the first folder still in use, including one a concurrent write has just filled.
 */
export async function pruneEmptyFolders(root: string, file: string): Promise<void> {
  for (let folder = path.dirname(file); folder.startsWith(root + path.sep); folder = path.dirname(folder)) {
    try {
      await rmdir(folder);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOENT') return;
      throw error;
    }
  }
}

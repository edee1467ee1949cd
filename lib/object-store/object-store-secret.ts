import { randomBytes, randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const SECRET_BYTES = 32;
const SECRET_TEXT = /^[0-9a-f]{64}$/;

/**
 * The key that signs the embedded store's URLs: `configured` (OBJECT_STORE_SECRET) when given, else the one kept in
 * `file`, generated (32 random bytes, hex, mode 0600) the first time. Kept so that links handed out before a restart
 * still verify after it.
 */
export async function loadObjectStoreSecret(file: string, configured?: string): Promise<Buffer> {
  if (configured) return Buffer.from(configured, 'utf8');
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written aside, then linked into place: link fails if another process got there first, and nobody ever reads
  // a half-written key.
  const aside = `${file}.${randomUUID()}`;
  try {
    await writeFile(aside, randomBytes(SECRET_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
    await link(aside, file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } finally {
    await rm(aside, { force: true });
  }
  const created = await readSecret(file);
  if (!created) throw new Error(`could not create the object store key ${file}`);
  return created;
}

async function readSecret(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (!SECRET_TEXT.test(text)) {
    throw new Error(
      `${file} is not an object store key (64 hex characters); remove it to generate a new one`,
    );
  }
  return Buffer.from(text, 'hex');
}

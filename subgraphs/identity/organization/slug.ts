import { randomBytes } from 'node:crypto';
import { isUniqueViolationOn } from '../unique-violation';

const MAX_SLUG_LENGTH = 48;

/** `Acme Research, Inc.` → `acme-research-inc`; names without a letter or digit get `org`. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/^-+|-+$/g, '');
  return slug || 'org';
}

/** The base slug if it is free, else the base with the next unused numeric suffix (`acme-2`, `acme-3`...). */
export function nextFreeSlug(base: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let highest = 1;
  for (const slug of taken) {
    const suffix = /^-(\d+)$/.exec(slug.slice(base.length));
    if (suffix) highest = Math.max(highest, Number(suffix[1]));
  }
  return `${base}-${highest + 1}`;
}

/**
 * Runs a write that allocates a slug, again when another organization took the same slug between the read of the
 * free slugs and the insert (registrations of the same name at the same time). `attempt` starts at 1.
 */
export async function retryOnSlugCollision<T>(
  write: (attempt: number) => Promise<T>,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(attempt);
    } catch (error) {
      if (!isUniqueViolationOn(error, 'slug') || attempt >= attempts) throw error;
    }
  }
}

/** After a collision, a random suffix: concurrent writers would all compute the same next number again. */
export function randomSlug(base: string): string {
  return `${base}-${randomBytes(3).toString('hex')}`;
}

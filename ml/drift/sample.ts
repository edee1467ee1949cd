import { createRandom } from '../training/random';

/** The sample size drift statistics are computed on: large enough for KS and PSI, bounded in time and memory. */
export const DEFAULT_SAMPLE_SIZE = 10_000;
export const DEFAULT_SAMPLE_SEED = 'mlaas-drift';

/**
 * A deterministic sample of at most `max` rows: the same rows, size and seed always give the same sample (a
 * report computed twice agrees with itself), with no Math.random. A partial Fisher–Yates draw of row indices,
 * driven by a generator seeded from the seed's FNV-1a hash, returned in the rows' original order.
 */
export function deterministicSample<T>(
  rows: readonly T[],
  max: number = DEFAULT_SAMPLE_SIZE,
  seed: string = DEFAULT_SAMPLE_SEED,
): T[] {
  if (!Number.isInteger(max) || max < 0)
    throw new RangeError(`sample size ${max} is not a non-negative integer`);
  if (rows.length <= max) return [...rows];
  const random = createRandom(fnv1a(seed));
  const indices = new Uint32Array(rows.length);
  for (let i = 0; i < indices.length; i++) indices[i] = i;
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random.next() * (rows.length - i));
    const chosen = indices[j];
    indices[j] = indices[i];
    indices[i] = chosen;
  }
  return Array.from(indices.subarray(0, max).sort(), (index) => rows[index]);
}

/** 32-bit FNV-1a of the string's UTF-16 code units. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

import { createHash } from 'node:crypto';

/** A file's bytes are not the ones whose SHA-256 was recorded when it was verified. */
export class Sha256MismatchError extends Error {
  constructor(
    readonly expected: string,
    readonly actual: string,
  ) {
    super(`its SHA-256 is ${actual}, not the ${expected} recorded when it was verified`);
    this.name = 'Sha256MismatchError';
  }
}

export interface HashedSource {
  /** The source's bytes, unchanged, hashed as they pass. */
  chunks: AsyncIterable<Buffer>;
  /** Lower-case hex SHA-256 of every byte that passed; read once `chunks` has ended. */
  sha256(): string;
}

/** Hashes a stream while something else reads it, so a file is read once for both. */
export function hashWhileReading(source: AsyncIterable<Buffer | string>): HashedSource {
  const hash = createHash('sha256');
  let digest: string | undefined;
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      hash.update(bytes);
      yield bytes;
    }
    digest = hash.digest('hex');
  }
  return {
    chunks: chunks(),
    sha256: () => {
      if (digest === undefined) throw new Error('the stream has not been read to its end');
      return digest;
    },
  };
}

/**
 * The source's chunks, checked against the SHA-256 recorded for them: the last step throws Sha256MismatchError
 * instead of ending, so a reader that consumes the whole stream before acting on it never acts on other bytes.
 * `expected` null skips the check (files recorded before hashes were kept).
 */
export async function* verifySha256(
  source: AsyncIterable<Buffer | string>,
  expected: string | null,
): AsyncGenerator<Buffer> {
  const hashed = hashWhileReading(source);
  yield* hashed.chunks;
  if (expected !== null && hashed.sha256() !== expected) {
    throw new Sha256MismatchError(expected, hashed.sha256());
  }
}

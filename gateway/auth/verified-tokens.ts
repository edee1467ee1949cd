import type { JWTPayload } from 'jose';
import { LruCache } from '../../lib/lru-cache';

export interface VerifiedTokensOptions {
  /** Tokens remembered at most (each is a few hundred bytes). @default 10000 */
  maxEntries?: number;
  /**
   * How long a verified token is trusted without checking its signature again, at most (never past its `exp`).
   * Bounds how long a token signed with a key identity has since withdrawn from its JWKS stays accepted.
   * @default 60000
   */
  maxAgeMs?: number;
  now?: () => number;
}

interface Entry {
  payload: JWTPayload;
  /** Epoch ms after which the signature must be checked again. */
  recheckAt: number;
}

/**
 * Access tokens whose signature the gateway has already checked. A client sends the same token with every request
 * until it expires, and verifying an ES256 signature costs more CPU than the rest of a small query's gateway work;
 * a token string is immutable, so its verification can be reused until its `exp` (or `maxAgeMs`, whichever is
 * first). A cached token that has expired is dropped and verified again, which refuses it as expired.
 */
export class VerifiedTokens {
  private readonly tokens: LruCache<string, Entry>;
  private readonly maxAgeMs: number;
  private readonly now: () => number;

  constructor(options: VerifiedTokensOptions = {}) {
    this.tokens = new LruCache(options.maxEntries ?? 10_000);
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** The payload of `token` if it was verified and still holds, else what `verify` answers (then remembered). */
  async payloadOf(token: string, verify: (token: string) => Promise<JWTPayload>): Promise<JWTPayload> {
    const now = this.now();
    const known = this.tokens.get(token);
    if (known && now < known.recheckAt) return known.payload;
    const payload = await verify(token);
    const expiresAt = payload.exp !== undefined ? payload.exp * 1000 : Infinity;
    this.tokens.set(token, { payload, recheckAt: Math.min(expiresAt, now + this.maxAgeMs) });
    return payload;
  }
}

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from '../../../lib/database';
import { RefreshToken } from './refresh-token.entity';

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export class RefreshTokenRepository {
  constructor(private readonly em: EntityManager) {}

  /** Persists a new token of a family and returns its secret, which is not stored anywhere. */
  add(
    userId: string,
    familyId: string,
    ttlSeconds: number,
    now: Date,
    id: string = randomUUID(),
  ): { token: RefreshToken; secret: string } {
    const secret = randomBytes(32).toString('base64url');
    const token = Object.assign(new RefreshToken(), {
      id,
      userId,
      familyId,
      tokenHash: hashRefreshToken(secret),
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      createdAt: now,
    });
    this.em.persist(token);
    return { token, secret };
  }

  findBySecret(secret: string): Promise<RefreshToken | null> {
    return this.em.findOne(RefreshToken, { tokenHash: hashRefreshToken(secret) });
  }

  /**
   * Marks a token as exchanged for `replacedBy`, only if nothing revoked it in the meantime: of two concurrent
   * exchanges of the same token, exactly one succeeds.
   */
  async markRotated(id: string, replacedBy: string, now: Date): Promise<boolean> {
    const changed = await this.em.nativeUpdate(
      RefreshToken,
      { id, revokedAt: null },
      { revokedAt: now, replacedBy },
    );
    return changed === 1;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
  }

  /** Writes what this request has persisted so far. */
  async flush(): Promise<void> {
    await this.em.flush();
  }
}

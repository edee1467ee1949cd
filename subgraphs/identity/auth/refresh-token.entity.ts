import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';

/**
 * One refresh token of a session. Only a SHA-256 hash of the opaque token is kept, so a copy of the table cannot
 * be replayed. Every token descended from one sign-in shares a `familyId`: presenting a token that was already
 * exchanged (`replacedBy` set) revokes the whole family.
 */
export class RefreshToken {
  id: string = randomUUID();
  userId!: string;
  familyId!: string;
  tokenHash!: string;
  expiresAt!: Date;
  createdAt: Date = new Date();
  revokedAt?: Date | null;
  /** The token that this one was exchanged for; set together with `revokedAt` on rotation. */
  replacedBy?: string | null;
}

export const RefreshTokenSchema = new EntitySchema<RefreshToken>({
  class: RefreshToken,
  tableName: 'refresh_tokens',
  indexes: [{ properties: ['familyId'] }, { properties: ['userId'] }],
  properties: {
    id: { type: 'uuid', primary: true },
    userId: { kind: 'm:1', entity: 'User', mapToPk: true, fieldName: 'user_id', deleteRule: 'cascade' },
    familyId: { type: 'uuid' },
    tokenHash: { type: 'string', length: 64, unique: true },
    expiresAt: { type: 'datetime' },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    revokedAt: { type: 'datetime', nullable: true },
    replacedBy: { type: 'uuid', nullable: true },
  },
});

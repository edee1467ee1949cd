import { EntitySchema } from '@mikro-orm/core';
import type { JWK } from 'jose';

/**
 * A key that signs access tokens, generated once when no key is configured. `generation` is unique, so that
 * replicas starting together on an empty database all end up with the key of generation 1 (insert-if-absent).
 */
export class SigningKey {
  kid!: string;
  generation!: number;
  algorithm!: string;
  /**
   * PKCS8 PEM, or its AES-256-GCM envelope when SIGNING_KEY_ENCRYPTION_KEY is set (key-encryption.ts). Kept in the
   * identity schema only; anyone who can read the PEM can sign tokens.
   */
  privateKey!: string;
  publicJwk!: JWK;
  createdAt: Date = new Date();
}

export const SigningKeySchema = new EntitySchema<SigningKey>({
  class: SigningKey,
  tableName: 'signing_keys',
  properties: {
    kid: { type: 'string', length: 64, primary: true },
    generation: { type: 'integer', unique: true },
    algorithm: { type: 'string', length: 16 },
    privateKey: { type: 'text', hidden: true },
    publicJwk: { type: 'json' },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
  },
});

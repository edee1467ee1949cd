import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * How a signing key's private half is kept at rest when SIGNING_KEY_ENCRYPTION_KEY is set: an AES-256-GCM
 * envelope, `mlaas-aes-256-gcm:v1:<encryption key id>:<iv>:<tag>:<ciphertext>` (base64url parts), in the column
 * where the PEM lay before. The ciphertext is bound to the signing key's id (GCM additional data), so an envelope
 * copied onto another row does not open.
 */
const ENVELOPE_PREFIX = 'mlaas-aes-256-gcm:v1';
const IV_BYTES = 12;

/** Names an encryption key without revealing it: what the envelope records, and what error messages show. */
export function encryptionKeyId(key: Buffer): string {
  return createHash('sha256').update('mlaas signing key encryption').update(key).digest('hex').slice(0, 16);
}

export class SigningKeyEncryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyEncryptionError';
  }
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(`${ENVELOPE_PREFIX}:`);
}

/** The PEM sealed with `key`, for the signing key `kid`. */
export function sealPrivateKey(pem: string, key: Buffer, kid: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(kid));
  const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'));
  return [ENVELOPE_PREFIX, encryptionKeyId(key), ...parts].join(':');
}

/**
 * The PEM of a stored key: as is when it was stored in plaintext, else opened with `key`. A sealed key without
 * `key`, with another key, or altered fails with a message that says which and what to do.
 */
export function openPrivateKey(stored: string, key: Buffer | undefined, kid: string): string {
  if (!isSealed(stored)) return stored;
  const [storedKeyId, iv, tag, ciphertext] = stored.slice(ENVELOPE_PREFIX.length + 1).split(':');
  if (!key) {
    throw new SigningKeyEncryptionError(
      `The stored JWT signing key ${kid} is encrypted (encryption key id ${storedKeyId}): set ` +
        'SIGNING_KEY_ENCRYPTION_KEY to the key that encrypted it',
    );
  }
  const givenKeyId = encryptionKeyId(key);
  if (givenKeyId !== storedKeyId) {
    throw new SigningKeyEncryptionError(
      `SIGNING_KEY_ENCRYPTION_KEY (key id ${givenKeyId}) is not the key that encrypted the stored JWT signing ` +
        `key ${kid} (key id ${storedKeyId}): start with that key`,
    );
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'))
      .setAAD(Buffer.from(kid))
      .setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SigningKeyEncryptionError(
      `The stored JWT signing key ${kid} does not decrypt with SIGNING_KEY_ENCRYPTION_KEY (key id ${givenKeyId}): ` +
        'the stored envelope was altered',
    );
  }
}

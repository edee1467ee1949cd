import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { EntityManager } from '../../../lib/database';
import type { Config } from '../../../lib/config';
import type { Logger } from '../../../lib/logger';
import { encryptionKeyId, isSealed, openPrivateKey, sealPrivateKey } from './key-encryption';
import type { SigningKey } from './signing-key.entity';
import { SigningKeyRepository } from './signing-key.repository';

export const SIGNING_ALGORITHM = 'ES256';

/** The key access tokens are signed with, and its public half as published in the JWKS. */
export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JWK;
}

async function fromPrivateKey(privateKey: KeyObject): Promise<ActiveSigningKey> {
  const details = privateKey.asymmetricKeyDetails;
  if (privateKey.asymmetricKeyType !== 'ec' || details?.namedCurve !== 'prime256v1') {
    throw new Error('JWT_PRIVATE_KEY must be a P-256 (ES256) private key in PKCS8 PEM');
  }
  const { kty, crv, x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
  const base = { kty: kty!, crv, x, y };
  const kid = await calculateJwkThumbprint(base);
  return { kid, privateKey, publicJwk: { ...base, kid, alg: SIGNING_ALGORITHM, use: 'sig' } };
}

/** A PKCS8 PEM, as written in a file or, with `\n` escapes, in a single-line environment variable. */
export function parsePrivateKeyPem(pem: string): KeyObject {
  try {
    return createPrivateKey({ key: pem.replace(/\\n/g, '\n'), format: 'pem' });
  } catch {
    throw new Error('JWT_PRIVATE_KEY must be a P-256 (ES256) private key in PKCS8 PEM');
  }
}

/** How the identity subgraph comes by its signing key. */
export interface SigningKeySource {
  /** JWT_PRIVATE_KEY: used as is, never stored. */
  configuredPem?: string;
  /** SIGNING_KEY_ENCRYPTION_KEY: the stored key is kept sealed with it (key-encryption.ts). */
  encryptionKey?: Buffer;
  /** Says when a plaintext key was sealed. */
  logger?: Pick<Logger, 'info'>;
}

/**
 * The configured key, else the persisted one, else a new key persisted now. Replicas that start together on an
 * empty database each try to insert generation 1; the unique generation keeps the first, and every replica
 * re-reads and signs with that one. With an encryption key, a key is stored sealed, and one stored in plaintext
 * before is sealed now (replicas doing it together each write a valid envelope of the same key).
 */
export async function loadSigningKey(
  em: EntityManager,
  source: SigningKeySource = {},
): Promise<ActiveSigningKey> {
  if (source.configuredPem) return fromPrivateKey(parsePrivateKeyPem(source.configuredPem));
  const keys = new SigningKeyRepository(em);
  const existing = await keys.newest();
  if (existing) return openStoredKey(keys, existing, source);

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const generated = await fromPrivateKey(privateKey);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  await keys.insertIfAbsent({
    kid: generated.kid,
    generation: 1,
    algorithm: SIGNING_ALGORITHM,
    privateKey: source.encryptionKey ? sealPrivateKey(pem, source.encryptionKey, generated.kid) : pem,
    publicJwk: generated.publicJwk,
  });
  const stored = await keys.newest();
  if (!stored) throw new Error('The signing key could not be stored');
  return openStoredKey(keys, stored, source);
}

async function openStoredKey(
  keys: SigningKeyRepository,
  stored: SigningKey,
  { encryptionKey, logger }: SigningKeySource,
): Promise<ActiveSigningKey> {
  const pem = openPrivateKey(stored.privateKey, encryptionKey, stored.kid);
  if (encryptionKey && !isSealed(stored.privateKey)) {
    await keys.replacePrivateKey(
      stored.kid,
      stored.privateKey,
      sealPrivateKey(pem, encryptionKey, stored.kid),
    );
    logger?.info(
      { kid: stored.kid, encryptionKeyId: encryptionKeyId(encryptionKey) },
      'the stored JWT signing key was in plaintext: it is encrypted now',
    );
  }
  return fromPrivateKey(parsePrivateKeyPem(pem));
}

/**
 * What a production identity should be told at start-up when its stored signing key lies in plaintext: a service
 * of its own (production) that generates and stores its key without SIGNING_KEY_ENCRYPTION_KEY. Undefined when
 * all is well (embedded mode, a configured JWT_PRIVATE_KEY, or an encryption key).
 */
export function unencryptedSigningKeyWarning(
  config: Pick<Config, 'mode' | 'jwtPrivateKey' | 'signingKeyEncryptionKey'>,
): string | undefined {
  if (config.mode !== 'service' || config.jwtPrivateKey || config.signingKeyEncryptionKey) return undefined;
  return (
    'SIGNING_KEY_ENCRYPTION_KEY is not set: the JWT signing key is stored unencrypted in the identity database, ' +
    'where whoever reads it can sign access tokens. See README, "Security → Secrets".'
  );
}

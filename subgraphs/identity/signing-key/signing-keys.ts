import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, type JWK } from 'jose';
import type { EntityManager } from '../../../lib/database';
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

/**
 * The configured key, else the persisted one, else a new key persisted now. Replicas that start together on an
 * empty database each try to insert generation 1; the unique generation keeps the first, and every replica
 * re-reads and signs with that one.
 */
export async function loadSigningKey(
  em: EntityManager,
  configuredPem: string | undefined,
): Promise<ActiveSigningKey> {
  if (configuredPem) return fromPrivateKey(parsePrivateKeyPem(configuredPem));
  const keys = new SigningKeyRepository(em);
  const existing = await keys.newest();
  if (existing) return fromPrivateKey(parsePrivateKeyPem(existing.privateKey));

  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const generated = await fromPrivateKey(privateKey);
  await keys.insertIfAbsent({
    kid: generated.kid,
    generation: 1,
    algorithm: SIGNING_ALGORITHM,
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: generated.publicJwk,
  });
  const stored = await keys.newest();
  if (!stored) throw new Error('The signing key could not be stored');
  return fromPrivateKey(parsePrivateKeyPem(stored.privateKey));
}

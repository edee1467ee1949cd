import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../../lib/config';
import { migrate, openDatabase, type Orm } from '../../../lib/database';
import { createTestDatabase, type TestDatabase } from '../../../test/support/postgres';
import { register, useIdentity } from '../../../test/support/harness/identity';
import { encryptionKeyId } from '../signing-key/key-encryption';
import { loadSigningKey, unencryptedSigningKeyWarning } from '../signing-key/signing-keys';
import { identityModule } from '../module';

const storedKeys = (orm: Orm) =>
  orm.em
    .getConnection()
    .execute<{ kid: string; private_key: string }[]>('select kid, private_key from identity.signing_keys');

describe('identity: the signing key encrypted at rest', () => {
  const key = randomBytes(32);
  const identity = useIdentity({
    dialect: 'postgresql',
    env: { SIGNING_KEY_ENCRYPTION_KEY: key.toString('base64') },
  });

  it('stores the generated key sealed, naming the encryption key, and signs with it across a restart', async () => {
    const before = await register(identity);
    const [row] = await storedKeys(identity.subgraph.orm);
    expect(row.private_key).not.toContain('PRIVATE KEY');
    expect(row.private_key.startsWith(`mlaas-aes-256-gcm:v1:${encryptionKeyId(key)}:`)).toBe(true);
    await identity.restart();
    const jwks = (await (await fetch(new URL('/.well-known/jwks.json', identity.subgraph.url))).json()) as {
      keys: { kid: string }[];
    };
    expect(jwks.keys.map((k) => k.kid)).toEqual([row.kid]);
    expect(before.accessToken).toMatch(/^ey/);
  });
});

describe('identity: sealing a key stored before, and starting with the wrong key', () => {
  const key = randomBytes(32);
  let database: TestDatabase;
  let orm: Orm;

  beforeAll(async () => {
    database = await createTestDatabase('identity_key_seal');
    orm = await openDatabase({
      subgraph: 'identity',
      entities: identityModule.entities,
      migrations: identityModule.migrations,
      databaseUrl: database.url,
      dataDir: '.',
    });
    await migrate(orm, 'identity');
  });

  afterAll(async () => {
    await orm?.close();
    await database?.drop();
  });

  it('encrypts a plaintext key on the first start with a key; then only that key opens it', async () => {
    const plain = await loadSigningKey(orm.em.fork());
    expect((await storedKeys(orm))[0].private_key).toContain('BEGIN PRIVATE KEY');

    const sealed = await loadSigningKey(orm.em.fork(), { encryptionKey: key });
    expect(sealed.kid).toBe(plain.kid);
    expect(sealed.publicJwk).toEqual(plain.publicJwk);
    const [row] = await storedKeys(orm);
    expect(row.private_key).not.toContain('PRIVATE KEY');
    expect(row.private_key).toContain(encryptionKeyId(key));
    // The same key again opens it and leaves it as it is.
    expect((await loadSigningKey(orm.em.fork(), { encryptionKey: key })).kid).toBe(plain.kid);
    expect((await storedKeys(orm))[0].private_key).toBe(row.private_key);

    const wrong = randomBytes(32);
    await expect(loadSigningKey(orm.em.fork(), { encryptionKey: wrong })).rejects.toThrow(
      `SIGNING_KEY_ENCRYPTION_KEY (key id ${encryptionKeyId(wrong)}) is not the key that encrypted the stored ` +
        `JWT signing key ${plain.kid} (key id ${encryptionKeyId(key)}): start with that key`,
    );
    await expect(loadSigningKey(orm.em.fork())).rejects.toThrow(
      /is encrypted \(encryption key id [0-9a-f]{16}\): set SIGNING_KEY_ENCRYPTION_KEY/,
    );
  });

  it('refuses an envelope that was altered, or copied onto another signing key', async () => {
    const [row] = await storedKeys(orm);
    const connection = orm.em.getConnection();
    // Copied onto a newer key's row: the envelope is bound to the key id it was sealed for.
    await connection.execute(
      `insert into identity.signing_keys (kid, generation, algorithm, private_key, public_jwk, created_at)
       select 'copied', 2, algorithm, private_key, public_jwk, now() from identity.signing_keys where kid = ?`,
      [row.kid],
    );
    await expect(loadSigningKey(orm.em.fork(), { encryptionKey: key })).rejects.toThrow(
      /signing key copied does not decrypt with SIGNING_KEY_ENCRYPTION_KEY .*: the stored envelope was altered/,
    );
    await connection.execute(`delete from identity.signing_keys where kid = 'copied'`);

    const parts = row.private_key.split(':');
    const ciphertext = Buffer.from(parts[5], 'base64url');
    ciphertext[0] ^= 1;
    const altered = [...parts.slice(0, 5), ciphertext.toString('base64url')].join(':');
    await connection.execute('update identity.signing_keys set private_key = ? where kid = ?', [
      altered,
      row.kid,
    ]);
    await expect(loadSigningKey(orm.em.fork(), { encryptionKey: key })).rejects.toThrow(
      /does not decrypt .*: the stored envelope was altered/,
    );
  });
});

describe('identity: the start-up warning', () => {
  const production = {
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/mlaas',
    REDIS_URL: 'redis://127.0.0.1:6379',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_ACCESS_KEY: 'key',
    S3_SECRET_KEY: 'secret',
    INTERNAL_SECRET: 'x'.repeat(32),
  };

  it('warns a production identity that stores its key without SIGNING_KEY_ENCRYPTION_KEY', () => {
    expect(unencryptedSigningKeyWarning(loadConfig('service', production))).toMatch(
      /^SIGNING_KEY_ENCRYPTION_KEY is not set: the JWT signing key is stored unencrypted/,
    );
    const key = randomBytes(32).toString('hex');
    expect(
      unencryptedSigningKeyWarning(loadConfig('service', { ...production, SIGNING_KEY_ENCRYPTION_KEY: key })),
    ).toBeUndefined();
    expect(unencryptedSigningKeyWarning(loadConfig('embedded', {}))).toBeUndefined();
  });
});

import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { anonymousCaller } from '../../../lib/caller';
import { migrate, openDatabase } from '../../../lib/database';
import { createTestDatabase } from '../../../test/support/postgres';
import { loadSigningKey } from '../signing-key/signing-keys';
import { identityModule } from '../module';
import {
  LOGIN,
  PASSWORD,
  register,
  useIdentity,
  type AuthPayloadView,
  type IdentityHarness,
} from '../../../test/support/harness/identity';

const jwksUrl = (identity: IdentityHarness) =>
  new URL('/.well-known/jwks.json', identity.subgraph.url).toString();

async function fetchJwks(identity: IdentityHarness): Promise<{ jwks: JSONWebKeySet; response: Response }> {
  const response = await fetch(jwksUrl(identity));
  return { jwks: (await response.json()) as JSONWebKeySet, response };
}

const verifyWith = (jwks: JSONWebKeySet, token: string) =>
  jwtVerify(token, createLocalJWKSet(jwks), {
    issuer: 'mlaas-identity',
    audience: 'mlaas',
    algorithms: ['ES256'],
  });

describe('identity: signing keys and the JWKS', () => {
  const identity = useIdentity({ dialect: 'postgresql' });

  it('publishes a JWKS, cacheable and without private parts, that verifies a token issued by login', async () => {
    const user = await register(identity);
    const login = await identity.call<{ login: AuthPayloadView }>(anonymousCaller, LOGIN, {
      email: user.user.email,
      password: PASSWORD,
    });
    const { jwks, response } = await fetchJwks(identity);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
    const { payload, protectedHeader } = await verifyWith(jwks, login.data!.login.accessToken);
    expect(payload.sub).toBe(user.user.id);
    expect(protectedHeader.kid).toBe(jwks.keys[0].kid);
  });

  it('keeps its generated key across a restart: tokens issued before still verify', async () => {
    const before = await register(identity);
    const { jwks: jwksBefore } = await fetchJwks(identity);
    await identity.restart();
    const { jwks: jwksAfter } = await fetchJwks(identity);
    expect(jwksAfter).toEqual(jwksBefore);
    await expect(verifyWith(jwksAfter, before.accessToken)).resolves.toBeDefined();
    const after = await register(identity);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(decodeProtectedHeader(before.accessToken).kid);
  });

  it('ends with one key when two replicas start together on an empty database', async () => {
    const database = await createTestDatabase('identity_keys');
    const open = () =>
      openDatabase({
        subgraph: 'identity',
        entities: identityModule.entities,
        migrations: identityModule.migrations,
        databaseUrl: database.url,
        dataDir: '.',
      });
    const [a, b] = await Promise.all([open(), open()]);
    try {
      await migrate(a, 'identity');
      const keys = await Promise.all([
        loadSigningKey(a.em.fork()),
        loadSigningKey(b.em.fork()),
        loadSigningKey(a.em.fork()),
      ]);
      expect(new Set(keys.map((k) => k.kid)).size).toBe(1);
      const rows = await a.em.getConnection().execute('select kid from identity.signing_keys');
      expect(rows).toEqual([{ kid: keys[0].kid }]);
    } finally {
      await a.close();
      await b.close();
      await database.drop();
    }
  });
});

describe('identity: a configured signing key', () => {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  // As an environment variable holds it: on one line, with `\n` escapes.
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n');
  const identity = useIdentity({
    dialect: 'postgresql',
    env: { JWT_PRIVATE_KEY: pem, ACCESS_TOKEN_TTL_SECONDS: '120' },
  });

  it('signs with the configured key and the configured lifetime, and stores no key', async () => {
    const user = await register(identity);
    expect(user.expiresIn).toBe(120);
    const { jwks } = await fetchJwks(identity);
    const publicJwk = privateKey.export({ format: 'jwk' });
    expect(jwks.keys[0]).toMatchObject({ x: publicJwk.x, y: publicJwk.y });
    const { payload } = await verifyWith(jwks, user.accessToken);
    expect(payload.exp! - payload.iat!).toBe(120);
    const rows = await identity.subgraph.orm.em
      .getConnection()
      .execute('select kid from identity.signing_keys');
    expect(rows).toEqual([]);
  });

  it('refuses to start with a key that is not P-256', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    await expect(
      loadSigningKey(identity.subgraph.orm.em.fork(), { configuredPem: rsa.toString() }),
    ).rejects.toThrow(/P-256/);
    await expect(
      loadSigningKey(identity.subgraph.orm.em.fork(), { configuredPem: 'garbage' }),
    ).rejects.toThrow(/JWT_PRIVATE_KEY/);
  });
});

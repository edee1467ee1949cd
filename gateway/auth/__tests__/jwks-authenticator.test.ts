import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import {
  credentialsFromConnectionParams,
  credentialsFromHeaders,
  type Authenticator,
} from '../authenticator';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../../lib/access-token';
import { createTokenAuthenticator } from '../jwks-authenticator';

describe('token authenticator', () => {
  let privateKey: KeyLike;
  let authenticator: Authenticator;

  const sign = (claims: JWTPayload) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: { message: string; extensions?: { code?: string } }) => ({
        message: error.message,
        code: error.extensions?.code,
      }),
    );

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
    authenticator = createTokenAuthenticator({ keys: createLocalJWKSet({ keys: [jwk] }) });
  });

  it('makes an anonymous caller of a request without credentials', async () => {
    await expect(authenticator.authenticate({})).resolves.toEqual({ caller: { kind: 'anonymous' } });
  });

  it("returns the token's caller with the moment the token expires", async () => {
    const exp = Math.floor(Date.now() / 1000) + 120;
    const token = await new SignJWT({ sub: 'u1', orgs: [{ id: 'o1', role: 'MEMBER' }] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setExpirationTime(exp)
      .sign(privateKey);

    await expect(authenticator.authenticate({ authorization: `Bearer ${token}` })).resolves.toEqual({
      caller: { kind: 'user', userId: 'u1', organizationId: 'o1', role: 'MEMBER', scopes: [] },
      expiresAt: exp * 1000,
    });
  });

  it('refuses claims that do not describe memberships', async () => {
    const token = await sign({ sub: 'u1', orgs: [{ id: 'o1', role: 'SUPERUSER' }] });

    expect(await failure(authenticator.authenticate({ authorization: `Bearer ${token}` }))).toEqual({
      message: 'Invalid access token',
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a token without a subject', async () => {
    const token = await sign({ orgs: [{ id: 'o1', role: 'OWNER' }] });

    expect(await failure(authenticator.authenticate({ authorization: `Bearer ${token}` }))).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('refuses a token of no organization with FORBIDDEN', async () => {
    const token = await sign({ sub: 'u1', orgs: [] });

    expect(await failure(authenticator.authenticate({ authorization: `Bearer ${token}` }))).toEqual({
      message: 'The access token names no organization',
      code: 'FORBIDDEN',
    });
  });

  it('refuses a token and an API key sent together', async () => {
    const token = await sign({ sub: 'u1', orgs: [{ id: 'o1', role: 'OWNER' }] });

    expect(
      await failure(authenticator.authenticate({ authorization: `Bearer ${token}`, apiKey: 'k' })),
    ).toMatchObject({
      code: 'UNAUTHENTICATED',
    });
  });

  it('hands API keys to the verifier when one is configured', async () => {
    const caller = {
      kind: 'user' as const,
      userId: 'u1',
      organizationId: 'o1',
      role: 'MEMBER' as const,
      scopes: ['models:read'],
      apiKeyId: 'key-1',
    };
    const withKeys = createTokenAuthenticator({
      keys: createLocalJWKSet({ keys: [] }),
      apiKeys: async (key) => (key === 'good' ? caller : null),
    });

    await expect(withKeys.authenticate({ apiKey: 'good' })).resolves.toEqual({ caller });
    expect(await failure(withKeys.authenticate({ apiKey: 'bad' }))).toEqual({
      message: 'Invalid API key',
      code: 'UNAUTHENTICATED',
    });
  });
});

describe('reading credentials', () => {
  it('reads HTTP headers', () => {
    expect(
      credentialsFromHeaders({ authorization: 'Bearer t', 'x-api-key': ' ', 'x-organization-id': 'o1' }),
    ).toEqual({
      authorization: 'Bearer t',
      apiKey: undefined,
      organizationId: 'o1',
    });
  });

  it('reads connectionParams in the documented and the header spellings', () => {
    expect(credentialsFromConnectionParams({ authorization: 'Bearer t', organizationId: 'o1' })).toEqual({
      authorization: 'Bearer t',
      apiKey: undefined,
      organizationId: 'o1',
    });
    expect(
      credentialsFromConnectionParams({ Authorization: 'Bearer t', 'X-Organization-Id': 'o2' }),
    ).toMatchObject({
      authorization: 'Bearer t',
      organizationId: 'o2',
    });
    expect(credentialsFromConnectionParams({ apiKey: 'k' })).toMatchObject({ apiKey: 'k' });
    expect(credentialsFromConnectionParams(undefined)).toEqual({});
  });
});

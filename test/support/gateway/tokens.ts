import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../../lib/access-token';

export interface TokenClaims {
  sub: string;
  orgs: { id: string; role: string }[];
  email?: string;
}

export interface TokenOptions {
  /** Seconds until expiry; negative for an already expired token. @default 900 */
  expiresIn?: number;
  issuer?: string;
  audience?: string;
  /** Sign with a key that is not in the JWKS (a forgery with the published key id). */
  forged?: boolean;
}

export interface TestIssuer {
  jwksUrl: string;
  /** How many times the JWKS was fetched (it must be cached, not fetched per request). */
  jwksFetches(): number;
  issue(claims: TokenClaims, options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

const KEY_ID = 'test-key-1';

/** Plays identity's part: an ES256 key, its JWKS over HTTP, and access tokens shaped like identity's. */
export async function startTestIssuer(): Promise<TestIssuer> {
  const real = await generateKeyPair('ES256', { extractable: true });
  const forger = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(real.publicKey)), kid: KEY_ID, alg: 'ES256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((_request, response) => {
    fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    jwksFetches: () => fetches,
    async issue(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const key: KeyLike = options.forged ? forger.privateKey : real.privateKey;
      return new SignJWT({ email: claims.email ?? `${claims.sub}@example.com`, orgs: claims.orgs })
        .setProtectedHeader({ alg: 'ES256', kid: KEY_ID })
        .setSubject(claims.sub)
        .setIssuer(options.issuer ?? ACCESS_TOKEN_ISSUER)
        .setAudience(options.audience ?? ACCESS_TOKEN_AUDIENCE)
        .setIssuedAt(now - 60)
        .setExpirationTime(now + (options.expiresIn ?? 900))
        .sign(key);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT, type JWK } from 'jose';
import type { Role } from '../../../lib/caller';
import { SIGNING_ALGORITHM, type ActiveSigningKey } from './signing-keys';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../../lib/access-token';

/** Claims the gateway reads from an access token (`iss`, `aud` and `kid` are checked as well). */
export const JWKS_PATH = '/.well-known/jwks.json';

export interface AccessTokenClaims {
  sub: string;
  email: string;
  /** Every membership, oldest first: the gateway picks the acting organization without calling identity. */
  orgs: { id: string; role: Role }[];
}

/** Signs access tokens and publishes the key that verifies them. One per process. */
export class TokenIssuer {
  readonly jwks: { keys: JWK[] };

  constructor(
    private readonly key: ActiveSigningKey,
    /** Seconds an access token stays valid. */
    readonly ttlSeconds: number,
  ) {
    this.jwks = { keys: [key.publicJwk] };
  }

  issue(
    user: { id: string; email: string },
    memberships: { organizationId: string; role: Role }[],
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const orgs = memberships.map((m) => ({ id: m.organizationId, role: m.role }));
    return new SignJWT({ email: user.email, orgs } satisfies Omit<AccessTokenClaims, 'sub'>)
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: this.key.kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(ACCESS_TOKEN_ISSUER)
      .setAudience(ACCESS_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .setJti(randomUUID())
      .sign(this.key.privateKey);
  }

  /** GET /.well-known/jwks.json. Gateways cache it; a short max-age lets a new key reach them soon. */
  readonly jwksRoute = (request: IncomingMessage, response: ServerResponse): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const body = JSON.stringify(this.jwks);
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}

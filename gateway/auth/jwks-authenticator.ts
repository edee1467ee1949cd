import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { anonymousCaller, roles, type AuthenticatedCaller, type Role } from '../../lib/caller';
import { errors } from '../../lib/errors';
import type { Authentication, Authenticator, Credentials } from './authenticator';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '../../lib/access-token';
import { VerifiedTokens } from './verified-tokens';

/** The `iss` and `aud` identity puts in every access token. */

/** Checks an API key; `null` when the key is unknown, revoked or expired. API keys arrive in a later issue. */
export type ApiKeyVerifier = (apiKey: string) => Promise<AuthenticatedCaller | null>;

export interface TokenAuthenticatorOptions {
  /** Resolves the key that signed a token (a JWKS from jose: remote, or local in tests). */
  keys: JWTVerifyGetKey;
  /**
   * Checks `x-api-key` credentials.
   * @default undefined: no API keys exist yet, so every key is refused with "Invalid API key"
   */
  apiKeys?: ApiKeyVerifier;
  /**
   * Seconds of clock skew tolerated between identity and the gateway.
   * @default 5
   */
  clockToleranceSeconds?: number;
  /** Tokens already verified, reused until they expire (see VerifiedTokens). @default a new VerifiedTokens() */
  verifiedTokens?: VerifiedTokens;
}

export interface JwksAuthenticatorOptions extends Omit<TokenAuthenticatorOptions, 'keys'> {
  /**
   * Where identity publishes its public keys. jose fetches it on first use and caches it (refetching when a
   * token names an unknown key), so verifying a token never calls identity per request.
   */
  jwksUrl: string;
}

/** jose failures that mean "this token is no good", as opposed to "the key set could not be fetched". */
const rejectedTokenCodes = new Set([
  'ERR_JWT_EXPIRED',
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
]);

interface Membership {
  id: string;
  role: Role;
}

function readMemberships(claim: unknown): Membership[] | undefined {
  if (!Array.isArray(claim)) return undefined;
  const memberships: Membership[] = [];
  for (const entry of claim as unknown[]) {
    const { id, role } = (entry ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || !roles.includes(role as Role)) return undefined;
    memberships.push({ id, role: role as Role });
  }
  return memberships;
}

function callerFromClaims(payload: JWTPayload, organizationId: string | undefined): AuthenticatedCaller {
  const memberships = readMemberships(payload.orgs);
  if (typeof payload.sub !== 'string' || payload.sub === '' || !memberships) {
    throw errors.unauthenticated('Invalid access token');
  }
  const membership = organizationId ? memberships.find((m) => m.id === organizationId) : memberships[0];
  if (!membership) {
    throw errors.forbidden(
      organizationId
        ? `Not a member of organization ${organizationId}`
        : 'The access token names no organization',
    );
  }
  // A token acts with its role in the organization; scopes narrow API keys only.
  return {
    kind: 'user',
    userId: payload.sub,
    organizationId: membership.id,
    role: membership.role,
    scopes: [],
  };
}

/** Verifies access tokens against the given keys (see createJwksAuthenticator). */
export function createTokenAuthenticator(options: TokenAuthenticatorOptions): Authenticator {
  const clockTolerance = options.clockToleranceSeconds ?? 5;
  const verifiedTokens = options.verifiedTokens ?? new VerifiedTokens();

  async function verifyToken(token: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, options.keys, {
        issuer: ACCESS_TOKEN_ISSUER,
        audience: ACCESS_TOKEN_AUDIENCE,
        clockTolerance,
      });
      return payload;
    } catch (error) {
      const code = String((error as { code?: unknown }).code);
      if (code === 'ERR_JWT_EXPIRED') throw errors.unauthenticated('Access token expired');
      if (rejectedTokenCodes.has(code)) throw errors.unauthenticated('Invalid access token');
      // Anything else (identity unreachable, a broken key set) is ours, not the client's: INTERNAL_SERVER_ERROR.
      throw error;
    }
  }

  return {
    async authenticate(credentials: Credentials): Promise<Authentication> {
      if (credentials.authorization && credentials.apiKey) {
        throw errors.unauthenticated('Send either an Authorization header or an API key, not both');
      }
      if (credentials.apiKey) {
        const caller = options.apiKeys ? await options.apiKeys(credentials.apiKey) : null;
        if (!caller) throw errors.unauthenticated('Invalid API key');
        return { caller };
      }
      if (!credentials.authorization) return { caller: anonymousCaller };
      const match = /^Bearer\s+(\S+)$/i.exec(credentials.authorization);
      if (!match) throw errors.unauthenticated('Authorization must be "Bearer <access token>"');
      const payload = await verifiedTokens.payloadOf(match[1], verifyToken);
      return {
        caller: callerFromClaims(payload, credentials.organizationId),
        // jwtVerify has checked that `exp` is a number when present; identity always sets it.
        ...(payload.exp !== undefined ? { expiresAt: payload.exp * 1000 } : {}),
      };
    },
  };
}

/** Verifies identity's access tokens with its published JWKS: once, at the gateway. */
export function createJwksAuthenticator(options: JwksAuthenticatorOptions): Authenticator {
  return createTokenAuthenticator({ ...options, keys: createRemoteJWKSet(new URL(options.jwksUrl)) });
}

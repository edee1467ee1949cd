import { createHmac, timingSafeEqual } from 'node:crypto';

export const roles = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'] as const;
export type Role = (typeof roles)[number];

/** Who is calling, as the gateway established it. Subgraphs never see a raw token. */
export interface AuthenticatedCaller {
  kind: 'user';
  userId: string;
  organizationId: string;
  role: Role;
  scopes: string[];
  apiKeyId?: string;
}
export interface AnonymousCaller {
  kind: 'anonymous';
}
export type Caller = AuthenticatedCaller | AnonymousCaller;

export const anonymousCaller: AnonymousCaller = { kind: 'anonymous' };

/** Headers the gateway sets on every subgraph request (HTTP) and connection (graphql-ws connectionParams). */
export const CALLER_HEADER = 'x-mlaas-caller';
export const CALLER_SIGNATURE_HEADER = 'x-mlaas-caller-signature';
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * How long a signed caller stays valid. Short, so that a captured header is of little use; long enough for a
 * subscription handshake. Long-lived subscriptions are checked once, at connection time.
 */
const SIGNATURE_TTL_MS = 60_000;

interface SignedPayload {
  caller: Caller;
  exp: number;
  /** The client's address as the gateway established it (see gateway/client-address.ts). */
  addr?: string;
}

/** What a subgraph learns from the gateway's signature: who calls, and from where when the gateway said so. */
export interface SignedCall {
  caller: Caller;
  clientAddress: string | null;
}

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/**
 * The headers naming the caller (and the client's address, when known) to a subgraph. The address travels inside
 * the signed payload, so a subgraph believes it only from the gateway, never from a client-sent header.
 */
export function signCaller(
  secret: string,
  caller: Caller,
  now = Date.now(),
  clientAddress?: string,
): Record<string, string> {
  const signed: SignedPayload = { caller, exp: now + SIGNATURE_TTL_MS };
  if (clientAddress) signed.addr = clientAddress;
  const payload = Buffer.from(JSON.stringify(signed)).toString('base64url');
  return { [CALLER_HEADER]: payload, [CALLER_SIGNATURE_HEADER]: sign(secret, payload) };
}

export class CallerVerificationError extends Error {}

/** Returns the caller named in the headers, or throws when the headers are missing, forged or expired. */
export function verifyCaller(
  secret: string,
  payload: string | undefined,
  signature: string | undefined,
  now = Date.now(),
): Caller {
  return verifySignedCall(secret, payload, signature, now).caller;
}

/** The caller and client address named in the headers; throws as verifyCaller does. */
export function verifySignedCall(
  secret: string,
  payload: string | undefined,
  signature: string | undefined,
  now = Date.now(),
): SignedCall {
  if (!payload || !signature) throw new CallerVerificationError('Missing caller signature');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new CallerVerificationError('Invalid caller signature');
  }
  let parsed: SignedPayload;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SignedPayload;
  } catch {
    throw new CallerVerificationError('Malformed caller');
  }
  if (typeof parsed.exp !== 'number' || parsed.exp < now)
    throw new CallerVerificationError('Expired caller signature');
  return { caller: parsed.caller, clientAddress: typeof parsed.addr === 'string' ? parsed.addr : null };
}

/** Reads a header whether it came as an HTTP header map or as graphql-ws connection params. */
export function readHeader(source: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!source) return undefined;
  const value = source[name] ?? source[name.toLowerCase()];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

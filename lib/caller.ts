import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

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

/** What a graphql-ws connection's signature is bound to: the connection, not one operation. */
export const WEBSOCKET_BINDING = 'graphql-ws';

/**
 * What a signature over HTTP `/graphql` is bound to: the operation and its variables, as the body carries them.
 * A header captured from one request then serves no other request (and, with its audience, no other subgraph).
 */
export function graphqlRequestBinding(query: unknown, variables: unknown): string {
  const text = `${typeof query === 'string' ? query : ''}\n${JSON.stringify(variables ?? {})}`;
  return `graphql ${createHash('sha256').update(text).digest('base64url')}`;
}

/**
 * What a signature for another HTTP route (Open Inference Protocol) is bound to: its method and path, and the
 * body when it has one (a header captured from one inference call then serves no other inputs).
 */
export function routeBinding(method: string, pathname: string, body?: string): string {
  const route = `${method.toUpperCase()} ${pathname}`;
  return body === undefined ? route : `${route} ${createHash('sha256').update(body).digest('base64url')}`;
}

/** Where signed headers may be used: one subgraph, one request (or one graphql-ws connection). */
export interface CallerBinding {
  /** The subgraph the headers are for; every other subgraph refuses them. */
  audience: string;
  /** graphqlRequestBinding(), routeBinding() or WEBSOCKET_BINDING: the one request the headers are for. */
  request: string;
}

interface SignedPayload {
  caller: Caller;
  /** The subgraph the signature is for. */
  aud: string;
  /** The request the signature is for (CallerBinding.request). */
  req: string;
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
 * The headers naming the caller (and the client's address, when known) to one subgraph for one request. The
 * address travels inside the signed payload, so a subgraph believes it only from the gateway, never from a
 * client-sent header.
 */
export function signCaller(
  secret: string,
  caller: Caller,
  binding: CallerBinding,
  options: { now?: number; clientAddress?: string } = {},
): Record<string, string> {
  const signed: SignedPayload = {
    caller,
    aud: binding.audience,
    req: binding.request,
    exp: (options.now ?? Date.now()) + SIGNATURE_TTL_MS,
  };
  if (options.clientAddress) signed.addr = options.clientAddress;
  const payload = Buffer.from(JSON.stringify(signed)).toString('base64url');
  return { [CALLER_HEADER]: payload, [CALLER_SIGNATURE_HEADER]: sign(secret, payload) };
}

export class CallerVerificationError extends Error {}

/** The signed payload, once its signature is genuine. */
function readSignedPayload(secret: string, payload: string | undefined, signature: string | undefined) {
  if (!payload || !signature) throw new CallerVerificationError('Missing caller signature');
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new CallerVerificationError('Invalid caller signature');
  }
  try {
    return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<SignedPayload>;
  } catch {
    throw new CallerVerificationError('Malformed caller');
  }
}

/**
 * The caller and client address named in the headers, when they were signed for this subgraph and this request
 * and have not expired; throws CallerVerificationError otherwise.
 */
export function verifySignedCall(
  secret: string,
  payload: string | undefined,
  signature: string | undefined,
  expected: CallerBinding,
  now = Date.now(),
): SignedCall {
  const parsed = readSignedPayload(secret, payload, signature);
  if (typeof parsed.exp !== 'number' || parsed.exp < now)
    throw new CallerVerificationError('Expired caller signature');
  if (parsed.aud !== expected.audience)
    throw new CallerVerificationError('Caller signature is for another subgraph');
  if (parsed.req !== expected.request)
    throw new CallerVerificationError('Caller signature is for another request');
  return { caller: parsed.caller!, clientAddress: typeof parsed.addr === 'string' ? parsed.addr : null };
}

/** Reads a header whether it came as an HTTP header map or as graphql-ws connection params. */
export function readHeader(source: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!source) return undefined;
  const value = source[name] ?? source[name.toLowerCase()];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
  return typeof value === 'string' ? value : undefined;
}

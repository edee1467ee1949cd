import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../../lib/caller';

/** What a client presented, read from HTTP headers or from graphql-ws `connectionParams`. */
export interface Credentials {
  /** The `Authorization` value, expected as `Bearer <access token>`. */
  authorization?: string;
  /** The `x-api-key` value (`apiKey` in connectionParams). */
  apiKey?: string;
  /** The organization to act in (`x-organization-id`); a token's first organization when absent. */
  organizationId?: string;
}

/** Who presented the credentials, and until when they hold. */
export interface Authentication {
  /** The caller that subgraphs will see. */
  caller: Caller;
  /**
   * When the credentials stop being valid (epoch milliseconds: an access token's `exp`). A WebSocket connection
   * authenticates once, so it checks this before each new operation. Absent for credentials that do not expire
   * on their own (no credentials, API keys).
   */
  expiresAt?: number;
}

/**
 * Turns credentials into the caller that subgraphs will see. No credentials at all make an anonymous caller;
 * bad credentials throw an UNAUTHENTICATED error, an organization the caller does not belong to FORBIDDEN.
 */
export interface Authenticator {
  authenticate(credentials: Credentials): Promise<Authentication>;
}

function text(value: unknown): string | undefined {
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function credentialsFromHeaders(headers: IncomingHttpHeaders): Credentials {
  return {
    authorization: text(headers.authorization),
    apiKey: text(headers['x-api-key']),
    organizationId: text(headers['x-organization-id']),
  };
}

/**
 * Reads `{ authorization: "Bearer …" }` or `{ apiKey }` (API.md), plus the organization. Header spellings are
 * accepted too, because the playground and some clients copy their HTTP headers into connectionParams verbatim.
 */
export function credentialsFromConnectionParams(
  params: Readonly<Record<string, unknown>> | undefined,
): Credentials {
  const lowered = new Map<string, unknown>();
  for (const [key, value] of Object.entries(params ?? {})) lowered.set(key.toLowerCase(), value);
  return {
    authorization: text(lowered.get('authorization')),
    apiKey: text(lowered.get('apikey') ?? lowered.get('x-api-key')),
    organizationId: text(lowered.get('organizationid') ?? lowered.get('x-organization-id')),
  };
}

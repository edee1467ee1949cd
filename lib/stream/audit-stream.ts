/**
 * The contract between every subgraph, which appends one event per root mutation field it executes (the audit
 * plugin, lib/server/audit-plugin.ts), and observability, which stores them for `auditLog`. It holds who did
 * what to which ids and how it ended, never argument values: a password, token or presigned URL cannot leak into
 * the audit log through it.
 */

/** The stream audit events go to (`<REDIS_KEY_PREFIX>stream:audit` in Redis). */
export const AUDIT_STREAM = 'audit';

/** How a mutation ended; an error's `extensions.code` is in `errorCode`. */
export type AuditOutcome = 'OK' | 'ERROR';

export interface AuditEvent {
  /** Unique per event: the consumer stores an event at most once by it. */
  eventId: string;
  /** The caller's organization; null for a mutation of an anonymous caller (register, login, refreshToken…). */
  organizationId: string | null;
  /** The user who acted: the caller, or, for an anonymous caller that just signed in, the user signed in. */
  actorId: string | null;
  /** The API key the caller used, if any. */
  apiKeyId: string | null;
  /** The subgraph that executed the mutation. */
  subgraph: string;
  /** The root mutation field's name, e.g. `createModel`. */
  operation: string;
  /** The ID-typed argument values (input objects included) and the id of the object returned, deduplicated. */
  targetIds: string[];
  outcome: AuditOutcome;
  /** The error's `extensions.code` (e.g. FORBIDDEN, BAD_USER_INPUT; INTERNAL_SERVER_ERROR when it had none). */
  errorCode: string | null;
  requestId: string;
  /** The client's address as the gateway established it; null when the call did not come through the gateway. */
  clientAddress: string | null;
  /** ISO 8601, when the mutation finished. */
  time: string;
}

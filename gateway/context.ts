import { randomUUID } from 'node:crypto';
import type { Caller } from '../lib/caller';
import type { Logger } from '../lib/logger';

/** What the gateway knows about one operation, over HTTP or WebSocket; data sources sign `caller` for subgraphs. */
export interface GatewayContext {
  caller: Caller;
  requestId: string;
  /** Where the request came from (client-address.ts); signed with the caller for subgraphs (audit events). */
  clientAddress?: string;
  logger: Logger;
}

// A client-chosen request id ends up in every log line: keep it short and free of control characters.
const REQUEST_ID_PATTERN = /^[\w.:-]{1,128}$/;

/** The client's request id when it is a sane one, otherwise a fresh one. */
export function resolveRequestId(given: unknown): string {
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

export function createGatewayContext(
  caller: Caller,
  requestId: string,
  logger: Logger,
  clientAddress?: string,
): GatewayContext {
  return { caller, requestId, clientAddress, logger: logger.child({ requestId }) };
}

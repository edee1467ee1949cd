import type { ServerResponse } from 'node:http';
import { ErrorCode, isExpectedError } from '../errors';
import { boundMessage } from '../format-error';
import type { Logger } from '../logger';
import { sendJson } from './responses';

/**
 * The HTTP status of each expected error code on REST routes (the Open Inference Protocol), the one place where
 * the codes of lib/errors.ts become statuses there. CONFLICT is 409: the model exists but its state refuses the
 * request (no READY deployment, a deployment this replica cannot load); deploying it is what fixes it.
 */
const statusByCode: Partial<Record<string, number>> = {
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.BadUserInput]: 400,
  [ErrorCode.BadRequest]: 400,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.ServiceUnavailable]: 503,
};

/** An error that is not one of lib/errors.ts but says its own status (a body too large, a wrong method). */
export class RestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers (e.g. `allow` for 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'RestError';
  }
}

/** Status and message of a failure; an unexpected error is a 500 that tells nothing of its cause. */
export function restErrorOf(error: unknown): { status: number; message: string } {
  if (error instanceof RestError) return { status: error.status, message: error.message };
  if (isExpectedError(error)) {
    const status = statusByCode[error.extensions.code as string];
    if (status) return { status, message: boundMessage(error.message) };
  }
  return { status: 500, message: 'Internal server error' };
}

/** Answers `{ "error": message }` with the error's status, logging what was not expected (with the request id). */
export function sendRestError(response: ServerResponse, error: unknown, logger: Logger): void {
  const { status, message } = restErrorOf(error);
  if (status === 500) logger.error({ err: error }, 'request failed');
  if (response.headersSent) {
    response.end();
    return;
  }
  if (error instanceof RestError)
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, status, { error: message });
}

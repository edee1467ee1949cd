import type { ServerResponse } from 'node:http';
import type { ErrorCode } from '../errors';

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

/** A GraphQL-shaped error for failures before GraphQL execution (malformed body, unexpected crash). */
export function sendGraphQLError(
  response: ServerResponse,
  status: number,
  message: string,
  code: ErrorCode,
): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] });
}

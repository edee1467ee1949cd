import { GraphQLError, type ASTNode } from 'graphql';

/**
 * Every error code a client can see. Codes are part of the public contract (../shared/API.md):
 * add freely, never rename.
 */
export const ErrorCode = {
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  ValidationFailed: 'GRAPHQL_VALIDATION_FAILED',
  ParseFailed: 'GRAPHQL_PARSE_FAILED',
  BadRequest: 'BAD_REQUEST',
  /** Apollo Server: an operationName that names no operation in the document. */
  OperationResolutionFailure: 'OPERATION_RESOLUTION_FAILURE',
  /** Apollo Server's automatic persisted queries: the client should resend with the full query. */
  PersistedQueryNotFound: 'PERSISTED_QUERY_NOT_FOUND',
  PersistedQueryNotSupported: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /** A service the operation needs went away (e.g. a subscription's source closed): retry or resubscribe. */
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  Internal: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const knownCodes = new Set<string>(Object.values(ErrorCode));

export function isKnownErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && knownCodes.has(code);
}

/** How many characters of a client's value an error message repeats: enough to recognize it, never a flood. */
export const MAX_ECHOED_INPUT = 100;

/**
 * A client's value as an error message may repeat it: cut to MAX_ECHOED_INPUT characters, with an ellipsis when
 * cut (without splitting a surrogate pair). Every message that interpolates client input goes through it.
 */
export function echoInput(value: unknown, max = MAX_ECHOED_INPUT): string {
  const text = String(value);
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}…`;
}

function build(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

/** The same error with extra extensions (a code graphql-js did not set, an HTTP status for Apollo Server). */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError ?? undefined,
    extensions: { ...error.extensions, ...extensions },
  });
}

/** The one place that builds expected (typed) errors. Unexpected errors are never built here. */
export const errors = {
  unauthenticated: (message = 'Authentication required') => build(ErrorCode.Unauthenticated, message),
  forbidden: (message = 'Not allowed') => build(ErrorCode.Forbidden, message),
  /** `details` adds extensions beside `field`, e.g. where in a filter expression the input went wrong. */
  badInput: (message: string, field?: string, details: Record<string, unknown> = {}) =>
    build(ErrorCode.BadUserInput, message, field ? { ...details, field } : details),
  /**
   * A value a scalar refused (BAD_USER_INPUT), at the literal when it was written inline. `invalidValue` lets the
   * error formatter keep BAD_USER_INPUT where Apollo Server reports such a literal as a validation failure.
   */
  invalidValue: (message: string, node?: ASTNode) =>
    new GraphQLError(message, {
      nodes: node,
      extensions: { code: ErrorCode.BadUserInput, invalidValue: true },
    }),
  notFound: (what: string, id?: string) =>
    build(ErrorCode.NotFound, id ? `${what} ${echoInput(id)} not found` : `${what} not found`),
  /** NOT_FOUND with a message of its own, for when saying what is there instead helps the client. */
  notFoundBecause: (message: string) => build(ErrorCode.NotFound, message),
  conflict: (message: string) => build(ErrorCode.Conflict, message),
  rateLimited: (retryAfterSeconds: number) =>
    build(ErrorCode.RateLimited, `Rate limit exceeded; retry in ${retryAfterSeconds}s`, {
      retryAfterSeconds,
    }),
  badRequest: (message: string) => build(ErrorCode.BadRequest, message),
  serviceUnavailable: (message: string) => build(ErrorCode.ServiceUnavailable, message),
  /** graphql-js parse and validation errors carry no code: Apollo Server adds one over HTTP, graphql-ws does not. */
  parseFailed: (error: GraphQLError) => withExtensions(error, { code: ErrorCode.ParseFailed }),
  validationFailed: (error: GraphQLError) => withExtensions(error, { code: ErrorCode.ValidationFailed }),
};

/** The same error, answered with this HTTP status by Apollo Server (which reads and strips `extensions.http`). */
export function withHttpStatus(error: GraphQLError, status: number): GraphQLError {
  return withExtensions(error, { http: { status } });
}

export function isExpectedError(error: unknown): error is GraphQLError {
  return (
    error instanceof GraphQLError &&
    isKnownErrorCode(error.extensions?.code) &&
    error.extensions.code !== ErrorCode.Internal
  );
}

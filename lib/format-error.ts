import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isKnownErrorCode } from './errors';
import type { Logger } from './logger';

/** An error a client should not see the details of: no registered code, or INTERNAL_SERVER_ERROR. */
export function isUnexpectedError(error: { extensions?: Record<string, unknown> }): boolean {
  const code = error.extensions?.code;
  return !isKnownErrorCode(code) || code === ErrorCode.Internal;
}

/** Logs an unexpected error where it happened, with the request's logger (so the line carries the request id). */
export function logUnexpectedError(logger: Logger, error: GraphQLError): void {
  if (isUnexpectedError(error))
    logger.error({ err: unwrapResolverError(error), path: error.path }, 'unexpected error');
}

/**
 * Shapes every error a client sees. Expected errors keep their code and message; anything else reaches the
 * client as INTERNAL_SERVER_ERROR without internals. `extensions.response` (a failed subgraph fetch's URL and body)
 * never leaves. With a logger, unexpected errors are also logged here (for callers without a request logger);
 * an error relayed from a subgraph (`serviceName`) was logged by that subgraph.
 */
export function createErrorFormatter(logger: Logger | undefined, options: { exposeStack: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace, serviceName, response: _response, ...extensions } = formatted.extensions ?? {};
    if (!isUnexpectedError(formatted)) {
      return { ...formatted, extensions: options.exposeStack ? { ...extensions, stacktrace } : extensions };
    }
    const original = unwrapResolverError(error);
    if (logger && serviceName === undefined) {
      logger.error({ err: original, path: formatted.path }, 'unexpected error');
    }
    const stack = options.exposeStack && original instanceof Error ? original.stack?.split('\n') : undefined;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.Internal, ...(stack ? { stacktrace: stack } : {}) },
    };
  };
}

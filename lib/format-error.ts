import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { echoInput, ErrorCode, isKnownErrorCode } from './errors';
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

/** The longest message a client is sent; what a client's input adds beyond it is cut. */
export const MAX_MESSAGE_LENGTH = 1000;

/**
 * The message with every double-quoted part (graphql-js quotes the values it repeats: `Variable "$x" got invalid
 * value "…"`) cut to what echoInput keeps, and the whole cut to MAX_MESSAGE_LENGTH: a 1 MB variable is not sent
 * back. A scan, not a regular expression, so that a megabyte between quotes costs linear time and no stack.
 */
export function boundMessage(message: string): string {
  let bounded = '';
  let from = 0;
  while (from < message.length) {
    const open = message.indexOf('"', from);
    if (open < 0) {
      bounded += message.slice(from);
      break;
    }
    let close = open + 1;
    while (close < message.length && message[close] !== '"') close += message[close] === '\\' ? 2 : 1;
    bounded += message.slice(from, open + 1) + echoInput(message.slice(open + 1, close));
    if (close < message.length) bounded += '"';
    from = close + 1;
  }
  return echoInput(bounded, MAX_MESSAGE_LENGTH);
}

/**
 * A client error's code: a value one of our scalars refused (`invalidValue`) is BAD_USER_INPUT whether it came in a
 * variable or inline, where Apollo Server reports it as a validation failure of the document.
 */
function clientCode(extensions: Record<string, unknown>): unknown {
  return extensions.invalidValue === true && extensions.code === ErrorCode.ValidationFailed
    ? ErrorCode.BadUserInput
    : extensions.code;
}

/**
 * Shapes every error a client sees. Expected errors keep their code and (bounded) message, never a stack trace:
 * nothing in them is for debugging. Anything else reaches the client as INTERNAL_SERVER_ERROR without internals,
 * its stack only when `exposeStack` (NODE_ENV=development set explicitly). `extensions.response` (a failed subgraph
 * fetch's URL and body) never leaves. With a logger, unexpected errors are also logged here (for callers without a
 * request logger); an error relayed from a subgraph (`serviceName`) was logged by that subgraph.
 */
export function createErrorFormatter(logger: Logger | undefined, options: { exposeStack: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const {
      stacktrace: _stacktrace,
      serviceName,
      response: _response,
      invalidValue: _invalidValue,
      ...extensions
    } = formatted.extensions ?? {};
    if (!isUnexpectedError(formatted)) {
      const code = clientCode(formatted.extensions ?? {});
      return { ...formatted, message: boundMessage(formatted.message), extensions: { ...extensions, code } };
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

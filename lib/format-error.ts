import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { ErrorCode, isKnownErrorCode } from './errors';
import type { Logger } from './logger';

/**
 * Shapes every error a client sees. Expected errors keep their code and message; anything else reaches the
 * client as INTERNAL_SERVER_ERROR without internals, and is logged where it happened (a subgraph's error relayed
 * by the gateway was already logged by that subgraph).
 */
export function createErrorFormatter(logger: Logger, options: { exposeStack: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace, serviceName, ...extensions } = formatted.extensions ?? {};
    const code = extensions.code;
    if (isKnownErrorCode(code) && code !== ErrorCode.Internal) {
      return { ...formatted, extensions: options.exposeStack ? { ...extensions, stacktrace } : extensions };
    }
    const original = unwrapResolverError(error);
    if (serviceName === undefined) logger.error({ err: original, path: formatted.path }, 'unexpected error');
    const stack = options.exposeStack && original instanceof Error ? original.stack?.split('\n') : undefined;
    return {
      message: 'Internal server error',
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.Internal, ...(stack ? { stacktrace: stack } : {}) },
    };
  };
}

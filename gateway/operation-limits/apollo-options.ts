import type { ApolloServerOptions, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';
import { createLimitRules, DEFAULT_LIMITS, type GatewayLimits } from '../limits';
import { boundedFormatter, MAX_ERRORS } from './bounded-errors';

type LimitOptions = Pick<
  ApolloServerOptions<BaseContext>,
  'formatError' | 'parseOptions' | 'validationOptions' | 'validationRules'
>;

/**
 * Apollo Server's options that carry the gateway's limits: the token limit in its parser too (so a document that
 * reached it without the request guard still cannot be large), validation stopped at MAX_ERRORS, the limit
 * rules, and the error bounds over `formatError`.
 */
export function apolloLimitOptions(
  limits: GatewayLimits,
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
): LimitOptions {
  return {
    formatError: boundedFormatter(formatError),
    parseOptions: { maxTokens: limits.maxTokens ?? DEFAULT_LIMITS.maxTokens },
    validationOptions: { maxErrors: MAX_ERRORS },
    validationRules: createLimitRules(limits),
  };
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../lib/errors';

/** Errors one answer carries at most; validation stops there (graphql-js adds a last "Too many …" entry). */
export const MAX_ERRORS = 20;
/** Locations one error lists at most: a document repeating an argument 50,000 times is one error, not 50,000 lines. */
export const MAX_ERROR_LOCATIONS = 10;
/** Characters of one message at most: messages quote the client's names, which the body limit alone bounds. */
export const MAX_MESSAGE_CHARS = 1_000;

type Formatter = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

function httpStatusOf(error: unknown): number | undefined {
  const http = error instanceof GraphQLError ? error.extensions.http : undefined;
  const status = (http as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Apollo Server refuses some malformed requests (a persisted query of an unknown version, a hash that does not
 * match) with a GraphQLError that has an HTTP 4xx status but no code, which would otherwise reach the client as
 * INTERNAL_SERVER_ERROR: the status says whose mistake it was.
 */
function withClientCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const uncoded = error instanceof GraphQLError && error.extensions.code === undefined;
  const status = httpStatusOf(error);
  if (!uncoded || status === undefined || status < 400 || status >= 500) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BadRequest } };
}

/** The error, cut to MAX_MESSAGE_CHARS of message and MAX_ERROR_LOCATIONS locations. */
export function boundFormattedError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { message, locations } = formatted;
  const longMessage = message.length > MAX_MESSAGE_CHARS;
  const manyLocations = locations !== undefined && locations.length > MAX_ERROR_LOCATIONS;
  if (!longMessage && !manyLocations) return formatted;
  return {
    ...formatted,
    message: longMessage ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message,
    ...(manyLocations ? { locations: locations.slice(0, MAX_ERROR_LOCATIONS) } : {}),
  };
}

/** The gateway's error formatter: `format` (lib/format-error.ts), with the bounds above. */
export function boundedFormatter(format: Formatter): Formatter {
  return (formatted, error) => boundFormattedError(format(withClientCode(formatted, error), error));
}

/** At most MAX_ERRORS errors, the last saying how many more there were. */
export function boundErrorList(list: GraphQLFormattedError[]): GraphQLFormattedError[] {
  if (list.length <= MAX_ERRORS) return list;
  return [
    ...list.slice(0, MAX_ERRORS),
    {
      message: `${list.length - MAX_ERRORS} more errors not shown`,
      extensions: { code: list[MAX_ERRORS].extensions?.code ?? ErrorCode.BadRequest },
    },
  ];
}

import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../../lib/errors';

/** Errors one answer carries at most; validation stops there (graphql-js adds a last "Too many …" entry). */
export const MAX_ERRORS = 20;
/** Locations one error lists at most: a document repeating an argument 50,000 times is one error, not 50,000 lines. */
export const MAX_ERROR_LOCATIONS = 10;

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

/**
 * The error with at most MAX_ERROR_LOCATIONS locations. Its message is already bounded by the formatter it comes
 * from (lib/format-error.ts boundMessage, MAX_MESSAGE_LENGTH).
 */
function boundLocations(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { locations } = formatted;
  if (locations === undefined || locations.length <= MAX_ERROR_LOCATIONS) return formatted;
  return { ...formatted, locations: locations.slice(0, MAX_ERROR_LOCATIONS) };
}

/** The gateway's error formatter: `format` (lib/format-error.ts, which bounds messages), with the bounds above. */
export function boundedFormatter(format: Formatter): Formatter {
  return (formatted, error) => boundLocations(format(withClientCode(formatted, error), error));
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

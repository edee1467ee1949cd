import { GraphQLScalarType, isScalarType, Kind, type GraphQLSchema, type ValueNode } from 'graphql';
import { errors } from '../errors';

// RFC 3339: a date, optionally a time with its offset (a time without one would be read in the server's zone).
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;
// Years PostgreSQL and SQLite both hold and compare alike (JavaScript reaches 275760, PostgreSQL stops at 4713 BC):
// beyond them a date is a mistake, and letting it through would fail the query or store NaN.
// (Date.UTC would read year 1 as 1901.)
export const EARLIEST_DATE = Date.parse('0001-01-01T00:00:00Z');
export const LATEST_DATE = Date.parse('9999-12-31T23:59:59.999Z');
const INVALID =
  'DateTime must be an ISO-8601 date-time with its offset (e.g. 2026-01-31T12:00:00Z) in years 0001 to 9999';

/** Whether the parts name a real day and time: `Date` would roll 2026-02-30 over into March. */
function realParts(match: RegExpExecArray): boolean {
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((p) => (p ? Number(p) : 0));
  const midnight = new Date(Date.UTC(2000, month - 1, day));
  midnight.setUTCFullYear(year);
  return (
    midnight.getUTCMonth() === month - 1 &&
    midnight.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/**
 * The date a client wrote, or BAD_USER_INPUT (`invalidValue` marks it as a value error, so that a literal refused
 * during validation is answered with BAD_USER_INPUT like a variable, see format-error.ts).
 */
export function parseDateTime(text: string, node?: ValueNode): Date {
  const match = DATE_TIME.exec(text);
  const date = match && realParts(match) ? new Date(match[4] ? text : `${text}T00:00:00Z`) : undefined;
  const time = date?.getTime() ?? Number.NaN;
  if (!date || Number.isNaN(time) || time < EARLIEST_DATE || time > LATEST_DATE) {
    throw errors.invalidValue(INVALID, node);
  }
  return date;
}

function serializeDate(value: unknown): string {
  const date = value instanceof Date ? value : new Date(value as string);
  // A stored date that cannot be shown is a fault of ours, not of the client's input.
  if (Number.isNaN(date.getTime())) throw new TypeError(`DateTime cannot represent ${String(value)}`);
  return date.toISOString();
}

/** ISO-8601 date-times, shared by every subgraph (and the gateway) so the composed scalar behaves the same everywhere. */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An ISO-8601 date-time string in UTC',
  serialize: serializeDate,
  parseValue: (value) => {
    if (typeof value !== 'string') throw errors.invalidValue('DateTime must be a string');
    return parseDateTime(value);
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw errors.invalidValue('DateTime must be a string', ast);
    return parseDateTime(ast.value, ast);
  },
});

function parseJsonLiteral(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, parseJsonLiteral(f.value)]));
    case Kind.LIST:
      return ast.values.map(parseJsonLiteral);
    case Kind.NULL:
      return null;
    default:
      throw errors.invalidValue('JSON literals cannot contain variables', ast);
  }
}

/** Arbitrary JSON values (metrics, params, health details). */
export const GraphQLJSON = new GraphQLScalarType({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: parseJsonLiteral,
});

/**
 * Gives the scalars of a schema built from SDL alone (the gateway's, from the supergraph) the parsing of ours, so
 * that the gateway refuses a bad date itself, as BAD_USER_INPUT, instead of forwarding it to a subgraph. Changes
 * the schema's scalar types in place; serializing stays theirs (values come from subgraphs already serialized).
 */
export function adoptScalarParsing(schema: GraphQLSchema): void {
  for (const ours of [DateTimeScalar, GraphQLJSON]) {
    const theirs = schema.getType(ours.name);
    if (!isScalarType(theirs)) continue;
    theirs.parseValue = ours.parseValue;
    theirs.parseLiteral = ours.parseLiteral;
  }
}

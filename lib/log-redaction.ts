/**
 * What never reaches a log line: credentials, password hashes, presigned URLs' signatures and the values a SQL
 * statement was run with. Three layers, since a secret can hide in a field, in an error or inside any string:
 * `REDACTED_PATHS` (pino's redaction of known fields), `serializeError` (errors, the ORM's included) and
 * `scrubSecrets` (every written line, a last net for what the first two could not know about).
 */
import pino from 'pino';

export const REDACTED = '[redacted]';

/** Field names that hold a credential wherever they appear, one or two levels down (pino's redaction paths). */
const SECRET_FIELDS = [
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'apiKey',
  'authorization',
  'cookie',
  'x-api-key',
  'set-cookie',
  'connectionParams',
];

export const REDACTED_PATHS = SECRET_FIELDS.flatMap((field) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(field) ? field : `["${field}"]`;
  const dot = key.startsWith('[') ? '' : '.';
  return [key, `*${dot}${key}`, `*.*${dot}${key}`];
});

/**
 * Secrets recognisable by their shape, found in any string: a JWT, an argon2 hash, a bearer credential, and the
 * signature, credential or token parameters of a presigned URL.
 */
const SECRET_PATTERNS: [RegExp, string][] = [
  [/eyJ[\w-]*\.[\w-]*\.[\w-]*/g, REDACTED],
  // The whole hash: its parameters (`m=19456,t=2,p=1`) have commas, and the salt and hash come after them.
  [/\$argon2(?:id|i|d)\$[\w$=,+/.-]*/g, REDACTED],
  [/\b(Bearer|Basic)\s+[^\s"'\\,]+/gi, `$1 ${REDACTED}`],
  [
    /([?&](?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|sig|signature|token|expires)=)[^&\s"'\\]*/gi,
    `$1${REDACTED}`,
  ],
];

export function scrubSecrets(text: string): string {
  return SECRET_PATTERNS.reduce(
    (scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement),
    text,
  );
}

const SQL_START =
  /^\s*(?:select|insert|update|delete|with|create|alter|drop|pragma|begin|commit|savepoint)\b/i;

/**
 * A SQL statement without the values in it: MikroORM runs statements with their parameters inlined, and puts
 * that text in its errors' messages. String, blob and number literals become `?`; names and keywords remain, so
 * the line still says which statement failed.
 */
export function withoutSqlValues(sql: string): string {
  return sql
    .replace(/[xX]?'(?:[^']|'')*'/g, '?')
    .replace(/(^|[^\w$."])-?\d+(?:\.\d+)?(?:e[+-]?\d+)?\b/gi, '$1?');
}

/**
 * A driver error's message is `<statement> - <database message>` (knex, libsql): the statement loses its values;
 * the database message stays (it names the constraint or the problem), scrubbed like any text.
 */
function sanitizeMessage(message: string): string {
  if (!SQL_START.test(message)) return scrubSecrets(message);
  const split = message.lastIndexOf(' - ');
  if (split < 0) return withoutSqlValues(message);
  return `${withoutSqlValues(message.slice(0, split))} - ${scrubSecrets(message.slice(split + 3))}`;
}

/**
 * A stack's lines of text (the message, `Name: ` first) sanitized as messages; its frames kept. The message is
 * first sanitized whole where the stack repeats it: a value with a line break splits a statement over several
 * lines, and the lines after the first no longer start like SQL.
 */
function sanitizeStack(stack: string, message: unknown): string {
  const at = typeof message === 'string' && message ? stack.indexOf(message) : -1;
  const text =
    at < 0
      ? stack
      : stack.slice(0, at) +
        sanitizeMessage(message as string) +
        stack.slice(at + (message as string).length);
  return text
    .split('\n')
    .map((line) => {
      if (/^\s+at /.test(line)) return line;
      const named = /^([\w.$]+: )(.*)$/s.exec(line);
      return named ? named[1] + sanitizeMessage(named[2]) : sanitizeMessage(line);
    })
    .join('\n');
}

/**
 * Properties of driver errors that carry values: PostgreSQL's `detail` ("Key (email)=(ada@example.com) already
 * exists") and `where`, the statement's parameters, a failed fetch's request and response.
 */
const DROPPED_ERROR_FIELDS = new Set([
  'detail',
  'where',
  'parameters',
  'params',
  'bindings',
  'values',
  'variables',
  'response',
  'request',
  'config',
  'headers',
]);

type SerializedError = Record<string, unknown>;

function sanitizeSerialized(serialized: SerializedError): SerializedError {
  const safe: SerializedError = {};
  for (const [key, value] of Object.entries(serialized)) {
    if (DROPPED_ERROR_FIELDS.has(key)) continue;
    if (key === 'sql' || key === 'query')
      safe[key] = typeof value === 'string' ? withoutSqlValues(value) : value;
    else if (key === 'message') safe[key] = typeof value === 'string' ? sanitizeMessage(value) : value;
    else if (key === 'stack')
      safe[key] = typeof value === 'string' ? sanitizeStack(value, serialized.message) : value;
    else if (key === 'cause' && value && typeof value === 'object')
      safe[key] = sanitizeSerialized(value as SerializedError);
    // An AggregateError's errors, serialized by pino's own serializer, which knows nothing of SQL values.
    else if (key === 'aggregateErrors' && Array.isArray(value))
      safe[key] = value.map((inner) =>
        inner && typeof inner === 'object' ? sanitizeSerialized(inner) : inner,
      );
    else safe[key] = value;
  }
  return safe;
}

/** pino's error serializer (type, message, stack, own fields, causes), without the values and secrets above. */
export function serializeError(error: unknown): unknown {
  // Duck-typed as pino's own serializer does: an error of another realm (Node's internals under a test runner's
  // VM context, a DOMException) is no `instanceof Error` here, and its getters throw when read as a plain object.
  if (typeof (error as { message?: unknown } | null)?.message !== 'string') return error;
  return sanitizeSerialized(pino.stdSerializers.err(error as Error) as unknown as SerializedError);
}

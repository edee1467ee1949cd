import type { Answer, Expectation } from './corpus';
import { errorCodes } from './send';

/** The codes a client error may carry (lib/errors.ts), everything but INTERNAL_SERVER_ERROR. */
export const CLIENT_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
];

const describe = (answer: Answer) =>
  `got HTTP ${answer.status}${answer.closeCode ? `, close ${answer.closeCode}` : ''}, codes [${errorCodes(answer).join(', ')}]`;

/** Nothing beyond the universal invariants (no 5xx, no internal error, no trace, no leak, bounded). */
export const invariantsOnly: Expectation = () => undefined;

/** One of the errors carries one of `codes`. */
export const codes =
  (...wanted: string[]): Expectation =>
  (answer) =>
    errorCodes(answer).some((code) => wanted.includes(code))
      ? undefined
      : `expected ${wanted.join(' or ')}; ${describe(answer)}`;

/** The HTTP status is one of `wanted`. */
export const status =
  (...wanted: number[]): Expectation =>
  (answer) =>
    wanted.includes(answer.status) ? undefined : `expected HTTP ${wanted.join(' or ')}; ${describe(answer)}`;

/** Refused as a client error: an HTTP 4xx, or a GraphQL error with a client code, or a WebSocket error or close. */
export const refused: Expectation = (answer) => {
  if (answer.transport === 'http' && answer.status >= 400 && answer.status < 500) return undefined;
  if (errorCodes(answer).some((code) => CLIENT_CODES.includes(code))) return undefined;
  if (answer.transport === 'ws' && answer.closeCode && answer.closeCode >= 4000) return undefined;
  return `expected a client error; ${describe(answer)}`;
};

/** The object store refused: a 4xx status (401, 403, 404, 405…), never a 2xx. */
export const storeRefused: Expectation = (answer) =>
  answer.status >= 400 && answer.status < 500
    ? undefined
    : `expected the store to refuse; got HTTP ${answer.status}`;

/** The WebSocket closed with one of `wanted`, or reported an error with one of the codes. */
export const closedWith =
  (...wanted: number[]): Expectation =>
  (answer) =>
    answer.closeCode !== undefined && wanted.includes(answer.closeCode)
      ? undefined
      : `expected close ${wanted.join(' or ')}; ${describe(answer)} ${answer.closeReason ?? ''}`;

/** Every expectation holds. */
export const allOf =
  (...expectations: Expectation[]): Expectation =>
  async (answer, context) => {
    for (const expectation of expectations) {
      const violation = await expectation(answer, context);
      if (violation) return violation;
    }
    return undefined;
  };

/** Either expectation holds. */
export const anyOf =
  (...expectations: Expectation[]): Expectation =>
  async (answer, context) => {
    const violations: string[] = [];
    for (const expectation of expectations) {
      const violation = await expectation(answer, context);
      if (!violation) return undefined;
      violations.push(violation);
    }
    return violations.join('; or ');
  };

/** The answer is at most `bytes` long (an error that echoes a huge input must not echo it whole). */
export const atMostBytes =
  (bytes: number): Expectation =>
  (answer) =>
    Buffer.byteLength(answer.body) <= bytes
      ? undefined
      : `answer of ${Buffer.byteLength(answer.body)} bytes, expected at most ${bytes}`;

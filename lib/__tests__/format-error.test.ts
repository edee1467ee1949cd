import { GraphQLError } from 'graphql';
import { captureLogs } from '../../test/support/harness/gateway';
import { echoInput, errors, ErrorCode } from '../errors';
import { boundMessage, createErrorFormatter, MAX_MESSAGE_LENGTH } from '../format-error';

const formatted = (error: GraphQLError) => error.toJSON();

describe('the error formatter', () => {
  const clientErrors = [
    errors.notFound('Model', 'f3a1'),
    errors.badInput('The name must not be empty', 'input.name'),
    errors.forbidden(),
    errors.unauthenticated(),
    errors.validationFailed(new GraphQLError('Cannot query field "nope" on type "Query".')),
  ];

  it.each([true, false])('never sends a stack trace with a client error (exposeStack %s)', (exposeStack) => {
    const format = createErrorFormatter(undefined, { exposeStack });
    for (const error of clientErrors) {
      const withStack = {
        ...formatted(error),
        extensions: { ...error.extensions, stacktrace: ['at /work/x.ts:1'] },
      };
      const answer = format(withStack, error);
      expect(answer.extensions).not.toHaveProperty('stacktrace');
      expect(answer.extensions?.code).toBe(error.extensions.code);
    }
  });

  it('masks an internal error: no message, no stack unless exposeStack; the log keeps the whole error', () => {
    const { logger, lines } = captureLogs();
    const cause = new Error('connect ECONNREFUSED 10.0.0.7:5432 at /srv/mlaas/lib/database.ts');
    const error = new GraphQLError(cause.message, { originalError: cause, path: ['models'] });

    const production = createErrorFormatter(logger, { exposeStack: false })(formatted(error), error);
    expect(production).toEqual({
      message: 'Internal server error',
      path: ['models'],
      extensions: { code: ErrorCode.Internal },
    });
    expect(JSON.stringify(lines)).toContain('ECONNREFUSED 10.0.0.7:5432');

    const development = createErrorFormatter(undefined, { exposeStack: true })(formatted(error), error);
    expect(development.message).toBe('Internal server error');
    expect(development.extensions?.stacktrace).toEqual(cause.stack?.split('\n'));
  });

  it('answers a value a scalar refused inline with BAD_USER_INPUT, as it would be in a variable', () => {
    const refused = errors.invalidValue('DateTime must be a string');
    const asValidation = errors.validationFailed(refused);
    const answer = createErrorFormatter(undefined, { exposeStack: false })(
      formatted(asValidation),
      asValidation,
    );
    expect(answer.extensions).toEqual({ code: ErrorCode.BadUserInput });
  });

  it('repeats at most 100 characters of each quoted value and bounds the whole message', () => {
    const megabyte = 'y'.repeat(1_000_000);
    const message = `Variable "$x" got invalid value "${megabyte}"; Int cannot represent non-integer value: "${megabyte}"`;
    const bounded = boundMessage(message);
    expect(bounded).toBe(
      `Variable "$x" got invalid value "${'y'.repeat(100)}…"; Int cannot represent non-integer value: "${'y'.repeat(100)}…"`,
    );
    expect(boundMessage(`{ ${'key: 1, '.repeat(10_000)}}`).length).toBeLessThanOrEqual(
      MAX_MESSAGE_LENGTH + 1,
    );
    expect(boundMessage('An "escaped \\" quote" stays whole')).toBe('An "escaped \\" quote" stays whole');
  });

  it('cuts an echoed value without splitting a surrogate pair', () => {
    expect(echoInput('a'.repeat(99) + '😀😀')).toBe(`${'a'.repeat(99)}…`);
    expect(echoInput('short')).toBe('short');
  });
});

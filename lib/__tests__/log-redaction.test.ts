import { Writable } from 'node:stream';
import { createLogger } from '../logger';
import { withoutSqlValues } from '../log-redaction';

/** A debug-level service logger writing into a string. */
function bufferedLogger() {
  let text = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString('utf8');
      done();
    },
  });
  return { logger: createLogger('redaction-test', 'debug', sink), text: () => text };
}

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const SIGNATURE = '9f2c1e4b7a3d8e6f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7';
const PRESIGNED = `http://127.0.0.1:9000/models/org/v1.onnx?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20250101&X-Amz-Signature=${SIGNATURE}`;

describe('log redaction', () => {
  it('keeps presigned signatures, tokens and credentials out of messages, errors and fields', () => {
    const { logger, text } = bufferedLogger();

    logger.error({ err: new Error(`PUT ${PRESIGNED} failed: 403`) }, 'upload completion failed');
    logger.warn({ url: `http://127.0.0.1:4000/files/k?expires=1&sig=${SIGNATURE}` }, 'download refused');
    logger.debug({ headers: { authorization: `Bearer ${JWT}`, cookie: 'session=abc123secret' } }, 'request');
    logger.info(
      { input: { email: 'ada@example.com', password: 'Tr0ub4dor&3' }, refreshToken: 'r-7d1f9' },
      'x',
    );
    logger.info(`token ${JWT} rejected`);

    const written = text();
    for (const secret of [SIGNATURE, JWT, 'abc123secret', 'Tr0ub4dor&3', 'r-7d1f9', 'AKIA'])
      expect(written).not.toContain(secret);
    expect(written).toContain('/models/org/v1.onnx?');
    expect(written).toContain('upload completion failed');
  });

  it('logs a driver error without the values of its statement, keeping the database message', () => {
    const { logger, text } = bufferedLogger();
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA';
    const error = Object.assign(
      new Error(
        `insert into \`users\` (\`id\`, \`email\`, \`password_hash\`, \`quota\`) values ('u-1', 'ada@example.com', '${hash}', 4096) - SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email`,
      ),
      {
        code: 'SQLITE_CONSTRAINT',
        sql: `select * from users where email = 'ada@example.com'`,
        params: ['x'],
      },
    );

    logger.error({ err: error }, 'unexpected error');

    const line = JSON.parse(text()) as { err: Record<string, unknown> };
    expect(line.err.message).toBe(
      'insert into `users` (`id`, `email`, `password_hash`, `quota`) values (?, ?, ?, ?) - SQLITE_CONSTRAINT: UNIQUE constraint failed: users.email',
    );
    expect(line.err).toMatchObject({ code: 'SQLITE_CONSTRAINT', sql: 'select * from users where email = ?' });
    expect(line.err).not.toHaveProperty('params');
    expect(text()).not.toMatch(/ada@example\.com|argon2|4096/);
  });

  it('keeps an argon2 hash whole out of any text, its salt and hash after the parameters included', () => {
    const { logger, text } = bufferedLogger();
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';

    logger.warn(`could not verify ${hash} for a sign-in`);
    logger.error({ err: new Error(`comparing ${hash} failed`) }, 'unexpected error');

    expect(text()).not.toMatch(/c2FsdHNhbHQ|aGFzaGhhc2hoYXNo|t=2,p=1/);
  });

  it('keeps the values of a statement spread over several lines out of the stack', () => {
    const { logger, text } = bufferedLogger();
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo';
    // A client's value with a line break splits the statement over the stack's lines.
    const error = new Error(
      `insert into "users" ("name", "email", "password_hash") values ('Ada\nLovelace', 'ada@example.com', '${hash}') - duplicate key value violates unique constraint "users_email_unique"`,
    );

    logger.error({ err: error }, 'unexpected error');

    expect(text()).not.toMatch(/Lovelace|ada@example\.com|c2FsdHNhbHQ|aGFzaGhhc2hoYXNo/);
    expect(text()).toContain('users_email_unique');
  });

  it('sanitizes the errors an AggregateError carries', () => {
    const { logger, text } = bufferedLogger();
    const inner = Object.assign(
      new Error(`insert into "users" ("email") values ('ada@example.com') - duplicate key`),
      { detail: 'Key (email)=(ada@example.com) already exists.' },
    );

    logger.error({ err: new AggregateError([inner], 'several inserts failed') }, 'unexpected error');

    expect(text()).not.toContain('ada@example.com');
    expect(text()).toContain('duplicate key');
  });

  it('strips literals but not names from SQL', () => {
    expect(
      withoutSqlValues(`select "t0".* from "registry"."models" as "t0" where "t0"."id" = 'a''b' limit 10`),
    ).toBe('select "t0".* from "registry"."models" as "t0" where "t0"."id" = ? limit ?');
  });
});

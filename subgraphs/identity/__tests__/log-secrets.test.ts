import { captureLogs } from '../../../test/support/harness/gateway';
import {
  LOGIN,
  PASSWORD,
  REFRESH,
  REGISTER,
  register,
  startIdentity,
  uniqueEmail,
  type IdentityHarness,
} from '../../../test/support/harness/identity';
import { errorsOf } from '../../../test/support/harness/subgraph';

const anonymous = { kind: 'anonymous' } as const;

/** Makes every insert into identity.users fail inside PostgreSQL, after the statement carried its values. */
async function refuseNewUsers(identity: IdentityHarness): Promise<() => Promise<void>> {
  const connection = identity.subgraph.orm.em.getConnection();
  await connection.execute(`create or replace function identity.refuse_user() returns trigger as $$
    begin raise exception 'the users table is read-only'; end $$ language plpgsql`);
  await connection.execute(
    'create trigger refuse_user before insert on identity.users for each row execute function identity.refuse_user()',
  );
  return async () => {
    await connection.execute('drop trigger refuse_user on identity.users');
  };
}

describe('what identity logs', () => {
  const logs = captureLogs();
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await startIdentity({ dialect: 'postgresql', logger: logs.logger });
  });

  afterAll(async () => {
    await identity?.stop();
  });

  it('logs a failed user insert without its values, and no credential on any error path', async () => {
    const password = 'Tr0ub4dor&3-never-logged';
    const email = uniqueEmail('secret-keeper');
    const allowUsers = await refuseNewUsers(identity);
    const failed = await identity.call(anonymous, REGISTER, {
      input: { email, password, displayName: 'Hidden Name 7731', organizationName: 'Hidden Org 7731' },
    });
    await allowUsers();
    const ada = await register(identity);
    const wrongLogin = await identity.call(anonymous, LOGIN, {
      email: ada.user.email,
      password: 'nope-nope-nope',
    });
    const rotated = await identity.call<{ refreshToken: { refreshToken: string } }>(anonymous, REFRESH, {
      token: ada.refreshToken,
    });
    // Presenting a rotated token again is reuse: the session is revoked and a warning logged.
    const reused = await identity.call(anonymous, REFRESH, { token: ada.refreshToken });
    const forged = await identity.call(anonymous, REFRESH, { token: `${ada.accessToken}x` });

    expect(errorsOf(failed)).toEqual([{ code: 'INTERNAL_SERVER_ERROR' }]);
    expect([errorsOf(wrongLogin), errorsOf(reused), errorsOf(forged)]).toEqual([
      [{ code: 'UNAUTHENTICATED' }],
      [{ code: 'UNAUTHENTICATED' }],
      [{ code: 'UNAUTHENTICATED' }],
    ]);
    const text = logs.text();
    const failure = logs.lines.find((line) => line.msg === 'unexpected error');
    expect(failure?.err).toMatchObject({ message: expect.stringContaining('the users table is read-only') });
    expect(JSON.stringify(failure)).toContain('insert into');
    for (const secret of [
      password,
      PASSWORD,
      email,
      'Hidden Name 7731',
      '$argon2',
      ada.accessToken,
      ada.refreshToken,
      rotated.data!.refreshToken.refreshToken,
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toMatch(/refresh token reused/);
  });
});

import { anonymousCaller } from '../../../lib/caller';
import {
  errorsOf,
  LOGIN,
  PASSWORD,
  REFRESH,
  register,
  useIdentity,
  type AuthPayloadView,
} from '../../../test/support/harness/identity';

describe('identity on SQLite (embedded mode)', () => {
  const identity = useIdentity({ dialect: 'sqlite' });

  it('registers, logs in, rotates the refresh token and answers me, after a restart too', async () => {
    const user = await register(identity, { organizationName: 'Embedded Engines' });
    const duplicate = await identity.call(
      anonymousCaller,
      `mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }`,
      {
        input: {
          email: user.user.email,
          password: PASSWORD,
          displayName: 'Again',
          organizationName: 'Again',
        },
      },
    );
    expect(errorsOf(duplicate)).toEqual([{ code: 'CONFLICT' }]);

    await identity.restart();
    const login = await identity.call<{ login: AuthPayloadView }>(anonymousCaller, LOGIN, {
      email: user.user.email,
      password: PASSWORD,
    });
    expect(login.errors).toBeUndefined();
    expect(login.data!.login.user.id).toBe(user.user.id);

    const rotated = await identity.call(anonymousCaller, REFRESH, { token: login.data!.login.refreshToken });
    expect(rotated.errors).toBeUndefined();
    expect(
      errorsOf(await identity.call(anonymousCaller, REFRESH, { token: login.data!.login.refreshToken })),
    ).toEqual([{ code: 'UNAUTHENTICATED' }]);

    const me = await identity.call(
      user.caller,
      '{ me { email memberships { role organization { name slug } } } }',
    );
    expect(me.data).toEqual({
      me: {
        email: user.user.email,
        memberships: [
          { role: 'OWNER', organization: { name: 'Embedded Engines', slug: 'embedded-engines' } },
        ],
      },
    });
  });
});

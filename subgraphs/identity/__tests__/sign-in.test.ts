import { decodeJwt, decodeProtectedHeader } from 'jose';
import { anonymousCaller, CALLER_HEADER, graphqlRequestBinding, signCaller } from '../../../lib/caller';
import { callSubgraph, TEST_INTERNAL_SECRET } from '../../../test/support/subgraph-client';
import { PasswordHasher } from '../auth/passwords';
import {
  AUTH_FIELDS,
  errorsOf,
  LOGIN,
  PASSWORD,
  REGISTER,
  register,
  uniqueEmail,
  useIdentity,
  type AuthPayloadView,
} from '../../../test/support/harness/identity';

const ME =
  'query { me { id email displayName memberships { role organization { name slug plan { name requestsPerHour requestsPerDay } } } } }';

describe('identity: register, login, me', () => {
  const identity = useIdentity({ dialect: 'postgresql' });

  const login = (email: string, password: string) =>
    identity.call<{ login: AuthPayloadView }>(anonymousCaller, LOGIN, { email, password });

  it('registers a user with a first organization they own, on the free plan, and signs them in', async () => {
    const email = uniqueEmail('ada');
    const result = await identity.call(
      anonymousCaller,
      `mutation ($input: RegisterInput!) {
      register(input: $input) { ${AUTH_FIELDS} user { memberships { role organization { name slug plan { name requestsPerHour requestsPerDay } } } } } }`,
      {
        input: {
          email: `  ${email.toUpperCase()} `,
          password: PASSWORD,
          displayName: ' Ada ',
          organizationName: ' Analytical Engines ',
        },
      },
    );
    expect(result.errors).toBeUndefined();
    const payload = (result.data as { register: AuthPayloadView & { user: { memberships: unknown[] } } })
      .register;
    expect(payload.user).toMatchObject({
      email,
      displayName: 'Ada',
      memberships: [
        {
          role: 'OWNER',
          organization: {
            name: 'Analytical Engines',
            slug: expect.stringMatching(/^analytical-engines(-\d+)?$/),
            plan: { name: 'free', requestsPerHour: 50, requestsPerDay: 200 },
          },
        },
      ],
    });
    expect(payload.expiresIn).toBe(900);
    expect(payload.refreshToken).toMatch(/^[\w-]{43}$/);
  });

  it('issues an ES256 access token naming the user and every membership', async () => {
    const user = await register(identity);
    expect(decodeProtectedHeader(user.accessToken)).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    const claims = decodeJwt(user.accessToken);
    expect(claims).toMatchObject({
      sub: user.user.id,
      email: user.user.email,
      iss: 'mlaas-identity',
      aud: 'mlaas',
      orgs: [{ id: user.caller.organizationId, role: 'OWNER' }],
    });
    expect(claims.exp! - claims.iat!).toBe(900);
  });

  it('stores only an argon2id hash of the password', async () => {
    const user = await register(identity);
    const rows = await identity.subgraph.orm.em
      .getConnection()
      .execute<{ password_hash: string }[]>('select password_hash from identity.users where id = ?', [
        user.user.id,
      ]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain(PASSWORD);
  });

  it('answers me with the signed-in user and their organizations', async () => {
    const user = await register(identity, { organizationName: 'Difference Engines' });
    const result = await identity.call(user.caller, ME);
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      me: {
        id: user.user.id,
        email: user.user.email,
        memberships: [{ role: 'OWNER', organization: { name: 'Difference Engines' } }],
      },
    });
  });

  it('refuses me to an anonymous caller', async () => {
    expect(errorsOf(await identity.call(anonymousCaller, ME))).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it('refuses a call without a caller signature, or with a forged one', async () => {
    const user = await register(identity);
    const unsigned = await fetch(identity.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(
      ((await unsigned.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code,
    ).toBe('UNAUTHENTICATED');
    const signedWithAnotherSecret = await callSubgraph(
      identity.subgraph,
      user.caller,
      '{ me { id } }',
      {},
      'x'.repeat(64),
    );
    expect(errorsOf(signedWithAnotherSecret)).toEqual([{ code: 'UNAUTHENTICATED' }]);
    expect(signedWithAnotherSecret.status).toBe(401);
    // A genuine signature over another caller cannot be re-pointed at this user.
    const genuine = signCaller(TEST_INTERNAL_SECRET, anonymousCaller, {
      audience: 'identity',
      request: graphqlRequestBinding('{ me { id } }', undefined),
    });
    const payload = Buffer.from(JSON.stringify({ caller: user.caller, exp: Date.now() + 60_000 })).toString(
      'base64url',
    );
    const tampered = await fetch(identity.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...genuine, [CALLER_HEADER]: payload },
      body: JSON.stringify({ query: '{ me { id } }' }),
    });
    expect(tampered.status).toBe(401);
  });

  it('logs in with the email in any case and returns a new session', async () => {
    const user = await register(identity);
    const result = await login(user.user.email.toUpperCase(), PASSWORD);
    expect(result.errors).toBeUndefined();
    expect(result.data!.login.user.id).toBe(user.user.id);
    expect(result.data!.login.refreshToken).not.toBe(user.refreshToken);
  });

  it('answers a wrong password and an unknown email identically, after checking a hash either way', async () => {
    const user = await register(identity);
    const verify = jest.spyOn(PasswordHasher.prototype, 'verify');
    try {
      const wrongPassword = await login(user.user.email, 'not the password');
      const unknownEmail = await login(uniqueEmail('nobody'), 'not the password');
      expect(wrongPassword.errors).toEqual(unknownEmail.errors);
      expect(errorsOf(wrongPassword)).toEqual([{ code: 'UNAUTHENTICATED' }]);
      expect(wrongPassword.errors![0].message).toBe('Invalid email or password');
      // The unknown email was checked against a stand-in hash: the same argon2 work as a wrong password.
      expect(verify).toHaveBeenCalledTimes(2);
    } finally {
      verify.mockRestore();
    }
  });

  it('takes about as long for an unknown email as for a wrong password', async () => {
    const user = await register(identity);
    const time = async (email: string) => {
      const started = performance.now();
      await login(email, 'not the password');
      return performance.now() - started;
    };
    const wrong: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      wrong.push(await time(user.user.email));
      unknown.push(await time(uniqueEmail('nobody')));
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1];
    // Loose bounds (the machine is shared): without the stand-in hash, unknown emails answer ~20x faster.
    expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.3);
  });

  it('refuses a duplicate email, whatever its case, with CONFLICT', async () => {
    const user = await register(identity);
    const again = await identity.call(anonymousCaller, REGISTER, {
      input: {
        email: user.user.email.toUpperCase(),
        password: PASSWORD,
        displayName: 'Other',
        organizationName: 'Other',
      },
    });
    expect(errorsOf(again)).toEqual([{ code: 'CONFLICT' }]);
  });

  it('answers CONFLICT, not an internal error, to two registrations of one email at the same time', async () => {
    const input = {
      email: uniqueEmail('twice'),
      password: PASSWORD,
      displayName: 'Ada',
      organizationName: 'Twice',
    };
    const results = await Promise.all([1, 2].map(() => identity.call(anonymousCaller, REGISTER, { input })));
    expect(results.map(errorsOf).sort((a, b) => a.length - b.length)).toEqual([[], [{ code: 'CONFLICT' }]]);
  });

  it.each([
    ['an email without a domain', { email: 'ada@' }, 'input.email'],
    ['an over-long email', { email: `${'a'.repeat(250)}@example.com` }, 'input.email'],
    ['a password under 8 characters', { password: 'short' }, 'input.password'],
    ['a password over 256 characters', { password: 'p'.repeat(257) }, 'input.password'],
    ['a blank display name', { displayName: '   ' }, 'input.displayName'],
    ['a display name over 100 characters', { displayName: 'd'.repeat(101) }, 'input.displayName'],
    ['a blank organization name', { organizationName: '' }, 'input.organizationName'],
    [
      'an organization name over 100 characters',
      { organizationName: 'o'.repeat(101) },
      'input.organizationName',
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_label, override, field) => {
    const email = uniqueEmail('invalid');
    const input = { email, password: PASSWORD, displayName: 'Ada', organizationName: 'Engines', ...override };
    const result = await identity.call(anonymousCaller, REGISTER, { input });
    expect(errorsOf(result)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
    expect(errorsOf(await login(email, PASSWORD))).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it('leaves nothing half written when a later step of the registration fails', async () => {
    const email = uniqueEmail('rollback');
    const connection = identity.subgraph.orm.em.getConnection();
    // Memberships are written after the user and the organization: make that last insert fail.
    await connection.execute(
      "alter table identity.memberships add constraint no_owner check (role <> 'OWNER') not valid",
    );
    try {
      identity.queries.splice(0);
      const result = await identity.call(anonymousCaller, REGISTER, {
        input: { email, password: PASSWORD, displayName: 'Ada', organizationName: 'Rolled Back Ltd' },
      });
      expect(errorsOf(result)).toEqual([{ code: 'INTERNAL_SERVER_ERROR' }]);
      expect(identity.queries.some((sql) => sql.includes('insert into "identity"."users"'))).toBe(true);
    } finally {
      await connection.execute('alter table identity.memberships drop constraint no_owner');
    }
    expect(await connection.execute('select id from identity.users where email = ?', [email])).toEqual([]);
    expect(
      await connection.execute("select id from identity.organizations where name = 'Rolled Back Ltd'"),
    ).toEqual([]);
  });

  it('gives organizations of the same name distinct slugs', async () => {
    const first = await register(identity, { organizationName: 'Same Name Inc.' });
    const second = await register(identity, { organizationName: 'same name inc' });
    const slugOf = async (caller: typeof first.caller) =>
      (await identity.call<{ me: { memberships: { organization: { slug: string } }[] } }>(caller, ME)).data!
        .me.memberships[0].organization.slug;
    const slugs = [await slugOf(first.caller), await slugOf(second.caller)];
    expect(slugs[0]).toMatch(/^same-name-inc(-\d+)?$/);
    expect(slugs[1]).toMatch(/^same-name-inc-\d+$/);
    expect(slugs[0]).not.toBe(slugs[1]);
  });
});

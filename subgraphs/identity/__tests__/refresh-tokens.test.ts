import { decodeJwt } from 'jose';
import { anonymousCaller } from '../../../lib/caller';
import {
  errorsOf,
  LOGIN,
  LOGOUT,
  PASSWORD,
  REFRESH,
  register,
  useIdentity,
  type AuthPayloadView,
} from '../../../test/support/harness/identity';

describe('identity: refresh token rotation and logout', () => {
  const identity = useIdentity({ dialect: 'postgresql' });

  const login = (email: string, password: string) =>
    identity.call<{ login: AuthPayloadView }>(anonymousCaller, LOGIN, { email, password });
  const refresh = (token: string) =>
    identity.call<{ refreshToken: AuthPayloadView }>(anonymousCaller, REFRESH, { token });

  it('rotates refresh tokens: the new one works, the old one no longer does', async () => {
    const user = await register(identity);
    const rotated = await refresh(user.refreshToken);
    expect(rotated.errors).toBeUndefined();
    const next = rotated.data!.refreshToken;
    expect(next.user.id).toBe(user.user.id);
    expect(next.refreshToken).not.toBe(user.refreshToken);
    expect(decodeJwt(next.accessToken).sub).toBe(user.user.id);
    expect((await refresh(next.refreshToken)).errors).toBeUndefined();
  });

  it('revokes the whole session when a rotated refresh token is presented again', async () => {
    const user = await register(identity);
    const second = (await refresh(user.refreshToken)).data!.refreshToken;
    // A thief replays the first token: refused, and the legitimate holder's newer token is revoked with it.
    expect(errorsOf(await refresh(user.refreshToken))).toEqual([{ code: 'UNAUTHENTICATED' }]);
    expect(errorsOf(await refresh(second.refreshToken))).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it('keeps other sessions of the user when one session is revoked', async () => {
    const user = await register(identity);
    const other = (await login(user.user.email, PASSWORD)).data!.login;
    await refresh(user.refreshToken);
    await refresh(user.refreshToken); // reuse: revokes the first session only
    expect((await refresh(other.refreshToken)).errors).toBeUndefined();
  });

  it('lets exactly one of two concurrent exchanges of the same token win', async () => {
    const user = await register(identity);
    const results = await Promise.all([refresh(user.refreshToken), refresh(user.refreshToken)]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
  });

  it('refuses an unknown or malformed refresh token', async () => {
    expect(errorsOf(await refresh('not-a-token'))).toEqual([{ code: 'UNAUTHENTICATED' }]);
    expect(errorsOf(await refresh(''))).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it('refuses an expired refresh token', async () => {
    const user = await register(identity);
    await identity.subgraph.orm.em
      .getConnection()
      .execute(
        "update identity.refresh_tokens set expires_at = now() - interval '1 second' where user_id = ?",
        [user.user.id],
      );
    expect(errorsOf(await refresh(user.refreshToken))).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });

  it('logs out: the refresh token stops working, and logging out again still answers true', async () => {
    const user = await register(identity);
    const logout = () =>
      identity.call<{ logout: boolean }>(anonymousCaller, LOGOUT, { token: user.refreshToken });
    expect((await logout()).data).toEqual({ logout: true });
    expect(errorsOf(await refresh(user.refreshToken))).toEqual([{ code: 'UNAUTHENTICATED' }]);
    expect((await logout()).data).toEqual({ logout: true });
    expect((await identity.call(anonymousCaller, LOGOUT, { token: 'never-issued' })).data).toEqual({
      logout: true,
    });
  });
});

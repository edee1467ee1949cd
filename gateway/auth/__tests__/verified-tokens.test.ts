import type { JWTPayload } from 'jose';
import { VerifiedTokens } from '../verified-tokens';

describe('VerifiedTokens', () => {
  let now: number;
  let verifications: string[];
  const verify = async (token: string): Promise<JWTPayload> => {
    verifications.push(token);
    if (token === 'bad') throw new Error('Invalid access token');
    return { sub: token, exp: Math.floor(now / 1000) + 300 };
  };

  beforeEach(() => {
    now = 1_000_000_000_000;
    verifications = [];
  });

  it('checks a token once and reuses the answer for the same token only', async () => {
    const tokens = new VerifiedTokens({ now: () => now });
    expect(await tokens.payloadOf('a', verify)).toMatchObject({ sub: 'a' });
    expect(await tokens.payloadOf('a', verify)).toMatchObject({ sub: 'a' });
    expect(await tokens.payloadOf('b', verify)).toMatchObject({ sub: 'b' });
    expect(verifications).toEqual(['a', 'b']);
  });

  it('never remembers a refused token', async () => {
    const tokens = new VerifiedTokens({ now: () => now });
    await expect(tokens.payloadOf('bad', verify)).rejects.toThrow('Invalid access token');
    await expect(tokens.payloadOf('bad', verify)).rejects.toThrow('Invalid access token');
    expect(verifications).toEqual(['bad', 'bad']);
  });

  it('checks the signature again after maxAgeMs, and at the latest when the token expires', async () => {
    const tokens = new VerifiedTokens({ now: () => now, maxAgeMs: 60_000 });
    await tokens.payloadOf('a', verify);
    now += 59_999;
    await tokens.payloadOf('a', verify);
    now += 1;
    await tokens.payloadOf('a', verify);
    expect(verifications).toEqual(['a', 'a']);

    const expiring = new VerifiedTokens({ now: () => now, maxAgeMs: 3_600_000 });
    const shortLived = async (token: string) => ({ sub: token, exp: Math.floor(now / 1000) + 10 });
    await expiring.payloadOf('s', shortLived);
    now += 10_000;
    await expect(
      expiring.payloadOf('s', async () => Promise.reject(new Error('Access token expired'))),
    ).rejects.toThrow('Access token expired');
  });
});

import { contractImplementations, type ContractHarness } from '../../../test/support/port-contract';
import { createTestRedis } from '../../../test/support/redis';
import { InMemoryRateLimiter } from '../in-memory-rate-limiter';
import type { RateLimiter } from '../rate-limiter';
import { RedisRateLimiter } from '../redis-rate-limiter';

const testRedis = createTestRedis('rate-limit');
afterAll(() => testRedis.cleanup());

const implementations = contractImplementations<RateLimiter>({
  inMemory: (now) => new InMemoryRateLimiter({ now }),
  redis: () => new RedisRateLimiter(testRedis.redis, { keyPrefix: testRedis.prefix }),
});

describe.each(implementations)('%s rate limiter (contract)', (_name, createHarness) => {
  let harness: ContractHarness<RateLimiter>;
  let limiter: RateLimiter;
  let keyCounter = 0;
  const freshKey = () => `caller-${++keyCounter}`;

  beforeEach(() => {
    harness = createHarness();
    limiter = harness.port;
  });
  afterEach(() => limiter.close());

  it('allows up to the limit, counting down what remains', async () => {
    const key = freshKey();
    const decisions = [];
    for (let i = 0; i < 3; i++) decisions.push(await limiter.consume(key, 3, 60));
    expect(decisions).toEqual([
      { allowed: true, remaining: 2, retryAfterSeconds: 0 },
      { allowed: true, remaining: 1, retryAfterSeconds: 0 },
      { allowed: true, remaining: 0, retryAfterSeconds: 0 },
    ]);
  });

  it('refuses beyond the limit, saying when the window resets', async () => {
    const key = freshKey();
    await limiter.consume(key, 1, 60);
    const refused = await limiter.consume(key, 1, 60);
    expect(refused).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 60 });
  });

  it('counts down retryAfterSeconds (rounded up) and allows again once the window has passed', async () => {
    const key = freshKey();
    expect((await limiter.consume(key, 1, 2)).allowed).toBe(true);
    expect(await limiter.consume(key, 1, 2)).toMatchObject({ allowed: false, retryAfterSeconds: 2 });
    await harness.elapse(1_100);
    expect(await limiter.consume(key, 1, 2)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await harness.elapse(1_000);
    expect(await limiter.consume(key, 1, 2)).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 });
  });

  it('counts each key on its own', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await limiter.consume(a, 1, 60);
    expect((await limiter.consume(a, 1, 60)).allowed).toBe(false);
    expect((await limiter.consume(b, 1, 60)).allowed).toBe(true);
  });

  it('counts each window size of a key on its own', async () => {
    const key = freshKey();
    await limiter.consume(key, 1, 60);
    expect((await limiter.consume(key, 1, 3600)).allowed).toBe(true);
  });

  it('counts concurrent requests exactly: 50 at once with a limit of 20 let exactly 20 through', async () => {
    const key = freshKey();
    const decisions = await Promise.all(Array.from({ length: 50 }, () => limiter.consume(key, 20, 60)));
    const allowed = decisions.filter((d) => d.allowed);
    expect(allowed).toHaveLength(20);
    expect(allowed.map((d) => d.remaining).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds >= 1)).toBe(true);
  });

  it('refuses limits and windows that are not positive integers', async () => {
    await expect(limiter.consume(freshKey(), 0, 60)).rejects.toThrow(RangeError);
    await expect(limiter.consume(freshKey(), 10, 0)).rejects.toThrow(RangeError);
    await expect(limiter.consume(freshKey(), 1.5, 60)).rejects.toThrow(RangeError);
  });
});

describe('RedisRateLimiter', () => {
  it('counts exactly across replicas (separate connections) hitting the same key at once', async () => {
    const replicas = [testRedis.connect(), testRedis.connect(), testRedis.redis].map(
      (connection) => new RedisRateLimiter(connection, { keyPrefix: testRedis.prefix }),
    );
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        replicas[i % replicas.length].consume('shared-by-replicas', 25, 60),
      ),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(25);
  });

  it('never leaves a counter without expiry', async () => {
    const limiter = new RedisRateLimiter(testRedis.redis, { keyPrefix: testRedis.prefix });
    const redisKey = `${testRedis.prefix}no-ttl:60`;
    await testRedis.redis.set(redisKey, '5');
    await limiter.consume('no-ttl', 10, 60);
    expect(await testRedis.redis.pttl(redisKey)).toBeGreaterThan(0);
  });
});

import { contractImplementations, type ContractHarness } from '../../../test/support/port-contract';
import { createTestRedis } from '../../../test/support/redis';
import type { Cache } from '../cache';
import { InMemoryCache } from '../in-memory-cache';
import { RedisCache } from '../redis-cache';

const testRedis = createTestRedis('cache');
afterAll(() => testRedis.cleanup());

const implementations = contractImplementations<Cache>({
  inMemory: (now) => new InMemoryCache({ now }),
  redis: () => new RedisCache(testRedis.redis, { keyPrefix: testRedis.prefix }),
});

describe.each(implementations)('%s cache (contract)', (_name, createHarness) => {
  let harness: ContractHarness<Cache>;
  let cache: Cache;
  let keyCounter = 0;
  /** A fresh key per test, so nothing one test cached can satisfy another. */
  const freshKey = () => `key-${++keyCounter}`;

  beforeEach(() => {
    harness = createHarness();
    cache = harness.port;
  });
  afterEach(() => cache.close());

  it('misses a key that was never set', async () => {
    expect(await cache.get(freshKey())).toBeUndefined();
  });

  it.each([
    ['an object', { name: 'model', versions: [1, 2], nested: { ok: true } }],
    ['an array', [1, 'two', null]],
    ['a string', 'text'],
    ['a number', 42.5],
    ['false', false],
    ['null', null],
  ])('returns %s as it was stored', async (_label, value) => {
    const key = freshKey();
    await cache.set(key, value, 60);
    expect(await cache.get(key)).toEqual(value);
  });

  it('stores JSON: a date comes back as its ISO string', async () => {
    const key = freshKey();
    await cache.set(key, { at: new Date('2024-05-06T07:08:09.000Z') }, 60);
    expect(await cache.get(key)).toEqual({ at: '2024-05-06T07:08:09.000Z' });
  });

  it('hands out copies: changing a value read or written does not change the cached one', async () => {
    const key = freshKey();
    const written = { list: [1] };
    await cache.set(key, written, 60);
    written.list.push(2);
    const read = await cache.get<{ list: number[] }>(key);
    read!.list.push(3);
    expect(await cache.get(key)).toEqual({ list: [1] });
  });

  it('replaces the value of a key set again', async () => {
    const key = freshKey();
    await cache.set(key, 'first', 60);
    await cache.set(key, 'second', 60);
    expect(await cache.get(key)).toBe('second');
  });

  it('forgets a deleted key, and deleting a missing key is harmless', async () => {
    const key = freshKey();
    await cache.set(key, 'value', 60);
    await cache.delete(key);
    await cache.delete(freshKey());
    expect(await cache.get(key)).toBeUndefined();
  });

  it('keeps a value until its ttl elapses, then forgets it', async () => {
    const key = freshKey();
    await cache.set(key, 'short-lived', 1);
    expect(await cache.get(key)).toBe('short-lived');
    await harness.elapse(1_100);
    expect(await cache.get(key)).toBeUndefined();
  });

  it('restarts the ttl when a key is set again', async () => {
    const key = freshKey();
    await cache.set(key, 'old', 1);
    await cache.set(key, 'new', 60);
    await harness.elapse(1_100);
    expect(await cache.get(key)).toBe('new');
  });

  it('reads many keys at once, in order, undefined where missing', async () => {
    const [a, b, missing] = [freshKey(), freshKey(), freshKey()];
    await cache.set(a, { n: 1 }, 60);
    await cache.set(b, 'two', 60);
    expect(await cache.getMany([b, missing, a])).toEqual(['two', undefined, { n: 1 }]);
    expect(await cache.getMany([])).toEqual([]);
  });

  it('sets many keys at once with one expiry', async () => {
    const [a, b] = [freshKey(), freshKey()];
    await cache.setMany(
      [
        { key: a, value: [1, 2] },
        { key: b, value: null },
      ],
      1,
    );
    expect(await cache.getMany([a, b])).toEqual([[1, 2], null]);
    await harness.elapse(1_100);
    expect(await cache.getMany([a, b])).toEqual([undefined, undefined]);
    await expect(cache.setMany([{ key: a, value: 1 }], 0)).rejects.toThrow(RangeError);
  });

  it('refuses a ttl that is not positive, and a value JSON cannot represent', async () => {
    await expect(cache.set(freshKey(), 'x', 0)).rejects.toThrow(RangeError);
    await expect(cache.set(freshKey(), 'x', -5)).rejects.toThrow(RangeError);
    await expect(cache.set(freshKey(), undefined, 60)).rejects.toThrow(TypeError);
  });
});

describe('InMemoryCache', () => {
  it('evicts the least recently used entry beyond maxEntries', async () => {
    const cache = new InMemoryCache({ maxEntries: 2 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.get('a');
    await cache.set('c', 3, 60);
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual([1, undefined, 3]);
    expect(cache.size).toBe(2);
  });
});

describe('RedisCache', () => {
  it('keeps its keys under its prefix, with the ttl set in Redis', async () => {
    const cache = new RedisCache(testRedis.redis, { keyPrefix: `${testRedis.prefix}scoped:` });
    await cache.set('k', { v: 1 }, 30);
    const ttl = await testRedis.redis.pttl(`${testRedis.prefix}scoped:k`);
    expect(ttl).toBeGreaterThan(29_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });
});

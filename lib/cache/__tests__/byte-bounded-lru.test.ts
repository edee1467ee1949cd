import { ByteBoundedLru } from '../byte-bounded-lru';

/** What an entry of a one-character key costs with a value of `length` characters (see ENTRY_OVERHEAD_BYTES). */
const cost = (length: number) => (1 + length) * 2 + 64;

describe('ByteBoundedLru', () => {
  it('keeps entries while their bytes fit, evicting the least recently used beyond', () => {
    const lru = new ByteBoundedLru({ maxBytes: 3 * cost(100) });
    lru.set('a', 'x'.repeat(100), 60_000);
    lru.set('b', 'y'.repeat(100), 60_000);
    lru.set('c', 'z'.repeat(100), 60_000);
    expect(lru.bytes).toBe(3 * cost(100));
    lru.get('a'); // b is now the least recently used
    lru.set('d', 'w'.repeat(100), 60_000);
    expect([lru.get('a'), lru.get('b'), lru.get('c'), lru.get('d')].map((v) => v?.[0])).toEqual([
      'x',
      undefined,
      'z',
      'w',
    ]);
    expect(lru.bytes).toBeLessThanOrEqual(3 * cost(100));
  });

  it('counts bytes, not entries: one large value evicts many small ones', () => {
    const lru = new ByteBoundedLru({ maxBytes: 10 * cost(10) });
    for (let i = 0; i < 10; i++) lru.set(String(i), 'v'.repeat(10), 60_000);
    expect(lru.size).toBe(10);
    lru.set('L', 'v'.repeat(5 * 10 + 4 * 33), 60_000);
    expect(lru.size).toBeLessThan(10);
    expect(lru.get('L')).toBeDefined();
    expect(lru.bytes).toBeLessThanOrEqual(10 * cost(10));
  });

  it('does not store a value larger than the whole budget, and replacing a key frees its old bytes', () => {
    const lru = new ByteBoundedLru({ maxBytes: cost(10) });
    lru.set('a', 'v'.repeat(11), 60_000);
    expect(lru.get('a')).toBeUndefined();
    lru.set('a', 'v'.repeat(10), 60_000);
    lru.set('a', 'w'.repeat(10), 60_000);
    expect(lru.bytes).toBe(cost(10));
    expect(lru.get('a')).toBe('w'.repeat(10));
  });

  it('forgets an entry once its ttl elapses, and its bytes with it', () => {
    let now = 0;
    const lru = new ByteBoundedLru({ maxBytes: 10_000, now: () => now });
    lru.set('a', 'value', 1_000);
    now = 999;
    expect(lru.get('a')).toBe('value');
    now = 1_000;
    expect(lru.get('a')).toBeUndefined();
    expect(lru.bytes).toBe(0);
  });
});

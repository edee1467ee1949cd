import { LruCache } from '../lru-cache';

describe('LruCache', () => {
  it('forgets the least recently used entry beyond its bound', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');

    cache.set('c', 3);

    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
  });

  it('replaces the value of a key it holds without counting it twice', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('a', 2);
    cache.set('b', 3);

    expect([cache.get('a'), cache.get('b')]).toEqual([2, 3]);
  });
});

describe('LruCache bounded by bytes', () => {
  const bytesOf = (key: string, value: string) => key.length + value.length;

  it('forgets the least recently used entries until what it holds fits the budget', () => {
    const cache = new LruCache<string, string>({ maxBytes: 10, sizeOf: bytesOf });
    cache.set('a', '1234');
    cache.set('b', '1234');
    cache.get('a');

    cache.set('c', '1234');

    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.bytes]).toEqual([
      '1234',
      undefined,
      '1234',
      10,
    ]);
  });

  it('keeps nothing of an entry larger than the whole budget', () => {
    const cache = new LruCache<string, string>({ maxBytes: 10, sizeOf: bytesOf });
    cache.set('a', '1');

    cache.set('huge', 'x'.repeat(100));

    expect([cache.get('huge'), cache.get('a'), cache.size, cache.bytes]).toEqual([undefined, '1', 1, 2]);
  });
});

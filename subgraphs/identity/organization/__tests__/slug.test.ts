import { nextFreeSlug, slugify } from '../slug';

describe('organization slugs', () => {
  it.each([
    ['Acme Research, Inc.', 'acme-research-inc'],
    ['  Ünïcödé   Labs ', 'unicode-labs'],
    ['---', 'org'],
    ['機械学習', 'org'],
    ['x'.repeat(80), 'x'.repeat(48)],
  ])('derives %j → %j', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps the base when it is free, else takes the next numeric suffix', () => {
    expect(nextFreeSlug('acme', [])).toBe('acme');
    expect(nextFreeSlug('acme', ['acme'])).toBe('acme-2');
    expect(nextFreeSlug('acme', ['acme', 'acme-2', 'acme-7', 'acme-corp'])).toBe('acme-8');
    expect(nextFreeSlug('acme', ['acme-2'])).toBe('acme');
  });
});

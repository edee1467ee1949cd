import { parse } from 'graphql';
import { boundedDocumentStore, documentCost } from '../document-cache';

describe('boundedDocumentStore', () => {
  it('keeps documents within its byte budget, forgetting the least recently used first', async () => {
    const documentOf = (i: number) => parse(`query Op_${i}_${'x'.repeat(10_000)} { me { id } }`);
    const cost = documentCost('key-0', documentOf(0));
    const store = boundedDocumentStore(cost * 3);
    for (let i = 0; i < 10; i++) await store.set(`key-${i}`, documentOf(i));

    const kept = await Promise.all(Array.from({ length: 10 }, (_, i) => store.get(`key-${i}`)));
    expect(kept.map((document) => document !== undefined)).toEqual([
      ...Array(7).fill(false),
      true,
      true,
      true,
    ]);
  });

  it('counts a document by its source, so long names cost what they hold', () => {
    const short = documentCost('k', parse('{ me { id } }'));
    const long = documentCost('k', parse(`query ${'n'.repeat(20_000)} { me { id } }`));
    expect(long).toBeGreaterThan(100_000);
    expect(short).toBeLessThan(200);
  });
});

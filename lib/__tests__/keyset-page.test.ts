import type { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, parsePageSize, toPage } from '../keyset-page';

const ID = '0b7e6a3c-34f5-4a51-9a43-4f3b8f0e8a11';

describe('keyset pages', () => {
  it('round-trips sort values through a cursor: strings, numbers, dates and nulls', () => {
    const date = new Date('2026-01-02T03:04:05.678Z');
    const cursor = encodeCursor('order', ['text', 0.25, date, null], ID);
    expect(
      decodeCursor(cursor, 'order', [
        { kind: 'string' },
        { kind: 'number' },
        { kind: 'date' },
        { kind: 'number', nullable: true },
      ]),
    ).toEqual({ values: ['text', 0.25, date, null], id: ID });
  });

  it.each([
    ['another order', encodeCursor('other', ['x'], ID)],
    ['a value of another type', encodeCursor('order', [1], ID)],
    ['a null where none is allowed', encodeCursor('order', [null], ID)],
    ['too many values', encodeCursor('order', ['x', 'y'], ID)],
    ['an id that is no UUID', encodeCursor('order', ['x'], 'nope')],
    ['text that is no cursor', 'not a cursor'],
    ['base64 of bytes that are no JSON', Buffer.from([0xff, 0x00, 0x7b]).toString('base64url')],
    ['base64 of a JSON object', Buffer.from('{"order":"x"}').toString('base64url')],
    ['a string value with NUL', encodeCursor('order', ['a\u0000b'], ID)],
    ['a string value longer than any sort value', encodeCursor('order', ['x'.repeat(1001)], ID)],
    ['a cursor of 1 MB', 'A'.repeat(1_000_000)],
  ])('refuses %s with BAD_USER_INPUT on after', (_label, cursor) => {
    expect(() => decodeCursor(cursor, 'order', [{ kind: 'string' }])).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } }) as GraphQLError,
    );
  });

  it.each([
    ['beyond year 9999', Date.parse('9999-12-31T23:59:59.999Z') + 1],
    ['before year 0001', Date.parse('0001-01-01T00:00:00Z') - 1],
    ['beyond what a Date holds', 9e15],
    ['a fraction of a millisecond', 1.5],
  ])('refuses a date %s, which would reach SQL as NaN or out of range', (_label, time) => {
    const cursor = Buffer.from(JSON.stringify(['order', time, ID])).toString('base64url');
    expect(() => decodeCursor(cursor, 'order', [{ kind: 'date' }])).toThrow('Invalid cursor');
  });

  it('defaults the page size to 20 and refuses sizes out of 1..max', () => {
    expect(parsePageSize(undefined)).toBe(20);
    expect(parsePageSize(100)).toBe(100);
    expect(() => parsePageSize(0)).toThrow('first must be between 1 and 100');
    expect(() => parsePageSize(11, 10)).toThrow('first must be between 1 and 10');
  });

  it('builds a page from size + 1 rows, the extra one only telling that there is a next page', async () => {
    const page = toPage(
      [1, 2, 3],
      2,
      (n) => `c${n}`,
      true,
      async () => 7,
    );
    expect(page.edges).toEqual([
      { cursor: 'c1', node: 1 },
      { cursor: 'c2', node: 2 },
    ]);
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: 'c1',
      endCursor: 'c2',
    });
    expect(await page.count()).toBe(7);
  });
});

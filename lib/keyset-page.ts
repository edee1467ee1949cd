import type DataLoader from 'dataloader';
import { isUuid } from './ids';
import { errors } from './errors';
import { EARLIEST_DATE, LATEST_DATE } from './graphql/scalars';
import { canBeStored } from './stored-text';

/**
 * Relay-style pages read by keyset ("seek") pagination: a cursor holds the sort values and the id of the last
 * row of a page, and the next page starts strictly after them. Unlike an offset, that stays correct while rows are
 * inserted, and costs the same on page 1 and page 1000.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** A sort value as a cursor carries it; null sorts after every value (NULLS LAST in both directions). */
export type SortValue = string | number | Date | null;

/** What a sort value must be when a cursor is read back; dates travel as epoch milliseconds. */
export interface SortValueType {
  kind: 'string' | 'number' | 'date';
  nullable?: boolean;
}

/** Where a page starts: the sort values and id of the last row of the previous page. */
export interface KeysetCursor {
  values: SortValue[];
  id: string;
}

export { isUuid } from './ids';

/**
 * Opaque to clients: base64url of `[order, ...values, id]`. `order` names the ordering that produced the cursor,
 * so that a cursor of another ordering is refused rather than reinterpreted (it would skip or repeat rows).
 */
export function encodeCursor(order: string, values: readonly SortValue[], id: string): string {
  const plain = values.map((value) => (value instanceof Date ? value.getTime() : value));
  return Buffer.from(JSON.stringify([order, ...plain, id])).toString('base64url');
}

/** Longer than any cursor this platform writes (a few sort values of at most a few hundred characters). */
export const MAX_CURSOR_LENGTH = 4096;
const MAX_CURSOR_TEXT = 1000;

/** The cursor's sort value as `type` says it must be, or undefined when it cannot be one this ordering wrote. */
function readSortValue(value: unknown, type: SortValueType): SortValue | undefined {
  if (value === null) return type.nullable ? null : undefined;
  if (type.kind === 'string' && typeof value === 'string')
    return value.length <= MAX_CURSOR_TEXT && canBeStored(value) ? value : undefined;
  if (type.kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
  // A date outside the years the DateTime scalar accepts was never written by us, and would reach SQL as NaN.
  if (type.kind === 'date' && Number.isSafeInteger(value)) {
    const time = value as number;
    return time >= EARLIEST_DATE && time <= LATEST_DATE ? new Date(time) : undefined;
  }
  return undefined;
}

function parseCursorJson(text: string): unknown {
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  try {
    return JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The cursor, or BAD_USER_INPUT "Invalid cursor" on `after` when it is not one that this ordering produced: any
 * other text, JSON of other shapes or types, another ordering's, or values no row can hold (NUL, dates beyond the
 * DateTime range). Nothing of a refused cursor reaches a query.
 */
export function decodeCursor(text: string, order: string, types: readonly SortValueType[]): KeysetCursor {
  const invalid = () =>
    errors.badInput('Invalid cursor: pass the cursor of an edge of this listing, in the same order', 'after');
  const parsed = parseCursorJson(text);
  if (!Array.isArray(parsed) || parsed.length !== types.length + 2) throw invalid();
  const [field, ...rest] = parsed as unknown[];
  const id = rest.pop();
  if (field !== order || typeof id !== 'string' || !isUuid(id)) throw invalid();
  const values = rest.map((value, i) => readSortValue(value, types[i]));
  if (values.some((value) => value === undefined)) throw invalid();
  return { values: values as SortValue[], id };
}

/** `first`, defaulted, or BAD_USER_INPUT when it is out of range (refused rather than silently truncated). */
export function parsePageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (size < 1 || size > max) throw errors.badInput(`first must be between 1 and ${max}`, 'first');
  return size;
}

/** What a connection field returns; `totalCount` calls `count` only when a client asks for it. */
export interface Page<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  count(): Promise<number>;
}

/** Builds the page from up to `size + 1` rows: the extra row only says that there is a next page. */
export function toPage<T>(
  rows: readonly T[],
  size: number,
  cursorOf: (node: T) => string,
  hasPrevious: boolean,
  count: () => Promise<number>,
): Page<T> {
  const edges = rows.slice(0, size).map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > size,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    count,
  };
}

/** Memoizes a count, so that `totalCount` asked for twice in one request costs one query. */
export function countOnce(count: () => Promise<number>): () => Promise<number> {
  let total: Promise<number> | undefined;
  return () => (total ??= count());
}

/** `first` and `after` of a connection field. */
export interface PageArguments {
  first?: number | null;
  after?: string | null;
}

/** An order a connection is read in: its name, which every cursor carries, and the sort values of a node. */
export interface KeysetOrder<T> {
  name: string;
  types: readonly SortValueType[];
  valuesOf: (node: T) => SortValue[];
}

/** Newest first, the id breaking ties: the order of every listing that offers no other. */
export const newestFirst: KeysetOrder<{ createdAt: Date }> = {
  name: 'CREATED_AT',
  types: [{ kind: 'date' }],
  valuesOf: (node) => [node.createdAt],
};

/** Where the nodes of a page come from, in the order the page is read in. */
export interface KeysetSource<T> {
  /** Up to `limit` nodes strictly after the cursor. */
  findPage(limit: number, after?: KeysetCursor): Promise<T[]>;
  /** Every node the listing holds, asked for only when a client wants `totalCount`. */
  count(): Promise<number>;
}

/**
 * One page of a connection: `first` checked, `after` decoded for this order only, one node read beyond the
 * page to tell whether there is a next one, the count memoized. Every node read is primed into `loader`, so
 * that a lookup by id later in the request costs no query.
 */
export async function readPage<T extends { id: string }>(
  args: PageArguments,
  order: KeysetOrder<NoInfer<T>>,
  source: KeysetSource<T>,
  loader?: Pick<DataLoader<string, T | null>, 'prime'>,
): Promise<Page<T>> {
  const size = parsePageSize(args.first);
  const after = args.after ? decodeCursor(args.after, order.name, order.types) : undefined;
  const rows = await source.findPage(size + 1, after);
  for (const row of rows) loader?.prime(row.id, row);
  const cursorOf = (node: T) => encodeCursor(order.name, order.valuesOf(node), node.id);
  return toPage(
    rows,
    size,
    cursorOf,
    after !== undefined,
    countOnce(() => source.count()),
  );
}

/** The page of a listing that matches nothing, whatever its arguments. */
export function emptyPage<T>(): Page<T> {
  return toPage<T>(
    [],
    0,
    () => '',
    false,
    async () => 0,
  );
}

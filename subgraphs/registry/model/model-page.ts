import { errors } from '../../../lib/errors';
import type { Model } from './model.entity';

export type ModelOrderField = 'NAME' | 'CREATED_AT' | 'UPDATED_AT';
export type OrderDirection = 'ASC' | 'DESC';

export interface ModelOrder {
  field: ModelOrderField;
  direction: OrderDirection;
}

export const DEFAULT_ORDER: ModelOrder = { field: 'CREATED_AT', direction: 'DESC' };
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Where a page starts: the sort value and id of the last model of the previous page. */
export interface Cursor {
  field: ModelOrderField;
  value: string | Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Opaque to clients: base64url of `[field, value, id]`, dates as epoch milliseconds. */
export function encodeCursor(cursor: Cursor): string {
  const value = cursor.value instanceof Date ? cursor.value.getTime() : cursor.value;
  return Buffer.from(JSON.stringify([cursor.field, value, cursor.id])).toString('base64url');
}

/** The cursor, or BAD_USER_INPUT on `after` when it is not one this order produced. */
export function decodeCursor(text: string, order: ModelOrder): Cursor {
  const invalid = () => errors.badInput('Malformed or foreign cursor', 'after');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
  const [field, value, id] = parsed as unknown[];
  // A cursor of another order would skip or repeat models, so it is refused rather than reinterpreted.
  if (field !== order.field || typeof id !== 'string' || !isUuid(id)) throw invalid();
  if (order.field === 'NAME') {
    if (typeof value !== 'string') throw invalid();
    return { field: order.field, value, id };
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw invalid();
  return { field: order.field, value: new Date(value), id };
}

export function parsePageSize(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw errors.badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return size;
}

/** What `models` returns; `ModelConnection.totalCount` calls `count` only when a client asks for it. */
export interface ModelPage {
  edges: { cursor: string; node: Model }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  count(): Promise<number>;
}

const sortValue = (model: Model, field: ModelOrderField): string | Date =>
  field === 'NAME' ? model.name : field === 'CREATED_AT' ? model.createdAt : model.updatedAt;

/** Builds the page from up to `size + 1` rows: the extra row only says that there is a next page. */
export function toPage(
  rows: Model[],
  size: number,
  order: ModelOrder,
  hasPrevious: boolean,
  count: () => Promise<number>,
): ModelPage {
  const edges = rows.slice(0, size).map((node) => ({
    cursor: encodeCursor({ field: order.field, value: sortValue(node, order.field), id: node.id }),
    node,
  }));
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

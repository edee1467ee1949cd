import { errors } from '../../../lib/errors';
import { isUuid } from '../model/model-page';
import type { Dataset } from './dataset.entity';

export { parsePageSize } from '../model/model-page';

/**
 * Datasets are listed newest first, with the id breaking ties: the keyset approach of model-page.ts for its one
 * order. A cursor is the base64url of `[createdAt in epoch milliseconds, id]`.
 */
export interface DatasetCursor {
  createdAt: Date;
  id: string;
}

export function encodeDatasetCursor(dataset: Dataset): string {
  return Buffer.from(JSON.stringify([dataset.createdAt.getTime(), dataset.id])).toString('base64url');
}

/** The cursor, or BAD_USER_INPUT on `after` when it is not one `datasets` produced. */
export function decodeDatasetCursor(text: string): DatasetCursor {
  const invalid = () => errors.badInput('Malformed or foreign cursor', 'after');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [millis, id] = parsed as unknown[];
  if (typeof millis !== 'number' || !Number.isSafeInteger(millis) || typeof id !== 'string' || !isUuid(id)) {
    throw invalid();
  }
  return { createdAt: new Date(millis), id };
}

/** What `datasets` returns; `DatasetConnection.totalCount` calls `count` only when a client asks for it. */
export interface DatasetPage {
  edges: { cursor: string; node: Dataset }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
  count(): Promise<number>;
}

/** Builds the page from up to `size + 1` rows: the extra row only says that there is a next page. */
export function toDatasetPage(
  rows: Dataset[],
  size: number,
  hasPrevious: boolean,
  count: () => Promise<number>,
): DatasetPage {
  const edges = rows.slice(0, size).map((node) => ({ cursor: encodeDatasetCursor(node), node }));
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

import { errors } from '../../../lib/errors';

export const MAX_SEARCH_LENGTH = 200;

/** A search text, trimmed; undefined when there is nothing to search for. */
export function parseSearch(value: string | null | undefined, field: string): string | undefined {
  const search = value?.trim();
  if (search && search.length > MAX_SEARCH_LENGTH) {
    throw errors.badInput(`The search text must be at most ${MAX_SEARCH_LENGTH} characters`, field);
  }
  return search || undefined;
}

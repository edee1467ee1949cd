/**
 * Whether a client's text can be equal to anything the database holds: PostgreSQL's text cannot contain NUL
 * (U+0000), and comparing with such a value fails the query instead of matching nothing. A lookup by a name with
 * NUL therefore finds nothing without asking.
 */
export function canBeStored(text: string): boolean {
  return !text.includes('\u0000');
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every id is a UUID. Anything else cannot name a row, and must not reach a uuid column, where PostgreSQL
 * answers with an error instead of "no such row".
 */
export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

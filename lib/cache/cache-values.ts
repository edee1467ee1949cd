/** Expiry must be a positive number of seconds in every implementation (Redis rejects 0 and negatives). */
export function assertTtl(ttlSeconds: number): void {
  if (!Number.isFinite(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a positive number, got ${ttlSeconds}`);
  }
}

/** Values are stored as JSON everywhere, so the in-memory cache behaves like Redis (no shared references). */
export function encodeValue(key: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`value cached under "${key}" is not JSON-serializable`);
  return json;
}

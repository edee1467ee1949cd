/** A shared cache of JSON values with per-entry expiry. */
export interface Cache {
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** The values of `keys`, in order (undefined where missing): one round trip where the store allows it. */
  getMany<T = unknown>(keys: readonly string[]): Promise<(T | undefined)[]>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  /** Sets every entry with the same expiry, in one round trip where the store allows it. */
  setMany(entries: readonly CacheEntry[], ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export interface CacheEntry {
  key: string;
  value: unknown;
}

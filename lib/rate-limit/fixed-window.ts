import type { RateLimitDecision } from './rate-limiter';

/** Limits and windows must be positive integers in every implementation, or the counters mean nothing. */
export function assertLimits(limit: number, windowSeconds: number): void {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
    throw new RangeError(`windowSeconds must be a positive integer, got ${windowSeconds}`);
  }
}

/**
 * The decision both implementations derive from a window's count (this request included) and the
 * milliseconds until the window resets.
 */
export function decide(count: number, limit: number, msUntilReset: number): RateLimitDecision {
  const allowed = count <= limit;
  return {
    allowed,
    remaining: Math.max(0, limit - count),
    retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(msUntilReset / 1000)),
  };
}

/** A key per (key, window size): one caller limited by several windows keeps separate counters. */
export function windowKey(key: string, windowSeconds: number): string {
  return `${key}:${windowSeconds}`;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Requests left in the current window after this one. */
  remaining: number;
  /** Seconds until a refused caller may try again (0 when allowed). */
  retryAfterSeconds: number;
}

/** Counts requests per key in fixed windows, shared by every replica. */
export interface RateLimiter {
  consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

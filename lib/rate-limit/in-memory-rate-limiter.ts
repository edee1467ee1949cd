import { assertLimits, decide, windowKey } from './fixed-window';
import type { RateLimitDecision, RateLimiter } from './rate-limiter';

export interface InMemoryRateLimiterOptions {
  /**
   * The clock, in milliseconds (tests pass a fake one).
   * @default Date.now
   */
  now?: () => number;
}

interface Window {
  count: number;
  resetAt: number;
}

/** How often expired windows are swept, so keys seen once (an attacker's random API keys) do not pile up. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * Fixed windows in process memory (embedded mode), with the semantics of the Redis limiter: a window starts
 * at its first request and lasts `windowSeconds`.
 */
export class InMemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private nextSweepAt: number;

  constructor(options: InMemoryRateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.nextSweepAt = this.now() + SWEEP_INTERVAL_MS;
  }

  async consume(key: string, limit: number, windowSeconds: number): Promise<RateLimitDecision> {
    assertLimits(limit, windowSeconds);
    const now = this.now();
    this.sweep(now);
    const id = windowKey(key, windowSeconds);
    let window = this.windows.get(id);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(id, window);
    }
    window.count += 1;
    return decide(window.count, limit, window.resetAt - now);
  }

  async close(): Promise<void> {
    this.windows.clear();
  }

  private sweep(now: number): void {
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + SWEEP_INTERVAL_MS;
    for (const [id, window] of this.windows) if (window.resetAt <= now) this.windows.delete(id);
  }
}

import { mergeInto, quantiles, type HistogramCounts } from './latency-histogram';
import { minuteOf } from './minute-aggregation';

export type MetricsWindow = 'LAST_5_MINUTES' | 'LAST_HOUR' | 'LAST_DAY';

export const windowMinutes: Record<MetricsWindow, number> = {
  LAST_5_MINUTES: 5,
  LAST_HOUR: 60,
  LAST_DAY: 24 * 60,
};

/** The current minute and the minutes before it up to the window's length. */
export function windowBounds(window: MetricsWindow, now: Date): { from: Date; to: Date } {
  return { from: new Date(minuteOf(now) - (windowMinutes[window] - 1) * 60_000), to: now };
}

/** A minute row's numbers (see ModelMinuteMetrics). */
export interface MinuteCounts {
  requests: number;
  errors: number;
  cacheHits: number;
  latencyHistogram: HistogramCounts;
}

/** What `Model.metrics` answers, but the model and the window's bounds. */
export interface MetricsFigures {
  requestCount: number;
  errorCount: number;
  errorRate: number;
  cacheHitRate: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  throughputPerMinute: number;
}

/** The figures of a window from its minute rows. */
export function summarize(window: MetricsWindow, minutes: readonly MinuteCounts[]): MetricsFigures {
  let requests = 0;
  let errors = 0;
  let cacheHits = 0;
  const latencies: HistogramCounts = {};
  for (const minute of minutes) {
    requests += minute.requests;
    errors += minute.errors;
    cacheHits += minute.cacheHits;
    mergeInto(latencies, minute.latencyHistogram);
  }
  const [p50, p95, p99] = quantiles(latencies, [0.5, 0.95, 0.99]);
  return {
    requestCount: requests,
    errorCount: errors,
    errorRate: requests ? errors / requests : 0,
    cacheHitRate: requests ? cacheHits / requests : 0,
    latencyP50Ms: p50,
    latencyP95Ms: p95,
    latencyP99Ms: p99,
    throughputPerMinute: requests / windowMinutes[window],
  };
}

import { isUuid } from '../../../lib/ids';
import type { PredictionEvent } from '../../../lib/stream/prediction-stream';
import { record, type HistogramCounts } from './latency-histogram';

/** What a batch adds to one model's minute (the row's key and its increments). */
export interface MinuteIncrement {
  organizationId: string;
  modelId: string;
  /** The minute's start, epoch ms. */
  minute: number;
  requests: number;
  errors: number;
  cacheHits: number;
  latencyHistogram: HistogramCounts;
}

const MINUTE_MS = 60_000;

/** The start of the minute `time` falls in. */
export function minuteOf(time: Date | number): number {
  const ms = typeof time === 'number' ? time : time.getTime();
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * A producer bug must not block the stream: an event that cannot be counted (no valid ids, no time) is skipped
 * by the caller rather than failing its batch forever.
 */
export function isCountable(event: PredictionEvent): boolean {
  return (
    typeof event?.organizationId === 'string' &&
    isUuid(event.organizationId) &&
    typeof event.modelId === 'string' &&
    isUuid(event.modelId) &&
    Number.isFinite(Date.parse(event.time))
  );
}

/**
 * Folds a batch of events into one increment per organization, model and minute, so that a batch costs one upsert
 * per model-minute however many events it holds. Sorted by key, so that concurrent replicas lock rows in the
 * same order and cannot deadlock.
 */
export function aggregateByMinute(events: Iterable<PredictionEvent>): MinuteIncrement[] {
  const increments = new Map<string, MinuteIncrement>();
  for (const event of events) {
    const minute = minuteOf(Date.parse(event.time));
    const key = `${event.organizationId}/${event.modelId}/${minute}`;
    let increment = increments.get(key);
    if (!increment) {
      increment = {
        organizationId: event.organizationId,
        modelId: event.modelId,
        minute,
        requests: 0,
        errors: 0,
        cacheHits: 0,
        latencyHistogram: {},
      };
      increments.set(key, increment);
    }
    increment.requests += 1;
    if (event.error !== null && event.error !== undefined) increment.errors += 1;
    if (event.cacheHit) increment.cacheHits += 1;
    if (Number.isFinite(event.latencyMs)) record(increment.latencyHistogram, event.latencyMs);
  }
  return [...increments.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

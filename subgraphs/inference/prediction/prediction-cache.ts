import { performance } from 'node:perf_hooks';
import { ByteBoundedLru } from '../../../lib/cache/byte-bounded-lru';
import type { Cache } from '../../../lib/cache/cache';
import { errors } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { RowPrediction } from '../../../ml/onnx-runtime/serving-model';
import type { L2Policy } from './l2-policy';

/** Where a cached answer came from (the GraphQL enum PredictionCacheLevel). */
export type PredictionCacheLevel = 'MEMORY' | 'REDIS';

export interface CachedPrediction {
  prediction: RowPrediction;
  level: PredictionCacheLevel;
}

export interface PredictionCacheOptions {
  /** L1 budget in bytes (PREDICTION_CACHE_L1_MB); 0 turns L1 off. */
  l1MaxBytes: number;
  /** L2, shared by every replica; absent in embedded mode, where L1 alone serves the one process. */
  l2?: Cache;
  /** When L2 is worth a round trip. */
  policy: L2Policy;
  logger: Logger;
}

/**
 * An answer as L2 keeps it: with the moment it expires, so that a replica copying it into L1 keeps it no longer
 * than the replica that computed it meant to (the entry's remaining life, not a fresh TTL).
 */
interface L2Entry {
  prediction: RowPrediction;
  expiresAt: number;
}

/** What a lookup found, and whether L2 was asked (answers computed after it are then stored there too). */
export interface Lookup {
  hits: (CachedPrediction | undefined)[];
  usedL2: boolean;
}

/**
 * Predictions by row key: L1 in this process (a hit costs no I/O), then L2 in Redis (shared, so a row one replica
 * computed is an answer for all). L2 trouble is never a failed prediction: a read that fails is a miss, a write that
 * fails is logged. Failed rows are never stored: only answers reach `store`.
 */
export class PredictionCache {
  private readonly l1: ByteBoundedLru | undefined;

  constructor(private readonly options: PredictionCacheOptions) {
    this.l1 = options.l1MaxBytes > 0 ? new ByteBoundedLru({ maxBytes: options.l1MaxBytes }) : undefined;
  }

  async lookup(deploymentId: string, keys: readonly string[], ttlSeconds: number): Promise<Lookup> {
    const hits: (CachedPrediction | undefined)[] = keys.map((key) => {
      const json = this.l1?.get(key);
      return json === undefined ? undefined : { prediction: JSON.parse(json), level: 'MEMORY' };
    });
    const missed = keys.flatMap((_key, i) => (hits[i] ? [] : [i]));
    const { l2, policy } = this.options;
    if (!l2 || missed.length === 0 || !policy.useL2(deploymentId, missed.length))
      return { hits, usedL2: false };
    const found = await this.readL2(
      l2,
      missed.map((i) => keys[i]),
    );
    found.forEach((entry, j) => {
      if (!entry) return;
      const i = missed[j];
      hits[i] = { prediction: entry.prediction, level: 'REDIS' };
      const remainingMs = Math.min(entry.expiresAt - Date.now(), ttlSeconds * 1000);
      if (remainingMs > 0) this.l1?.set(keys[i], JSON.stringify(entry.prediction), remainingMs);
    });
    return { hits, usedL2: true };
  }

  /** Stores computed answers in L1 and, when the lookup asked L2, in L2 without waiting for it. */
  store(
    entries: readonly { key: string; prediction: RowPrediction }[],
    ttlSeconds: number,
    usedL2: boolean,
  ): void {
    for (const { key, prediction } of entries)
      this.l1?.set(key, JSON.stringify(prediction), ttlSeconds * 1000);
    const { l2, policy, logger } = this.options;
    if (!l2 || !usedL2 || entries.length === 0) return;
    const started = performance.now();
    const expiresAt = Date.now() + ttlSeconds * 1000;
    l2.setMany(
      entries.map(({ key, prediction }): { key: string; value: L2Entry } => ({
        key,
        value: { prediction, expiresAt },
      })),
      ttlSeconds,
    ).then(
      () => policy.recordRoundTrip(performance.now() - started),
      (error: unknown) => logger.warn({ err: error }, 'prediction cache: L2 write failed'),
    );
  }

  clear(): void {
    this.l1?.clear();
  }

  private async readL2(l2: Cache, keys: string[]): Promise<(L2Entry | undefined)[]> {
    const started = performance.now();
    try {
      const found = await l2.getMany<L2Entry>(keys);
      this.options.policy.recordRoundTrip(performance.now() - started);
      return found;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'prediction cache: L2 read failed, computing instead');
      return keys.map(() => undefined);
    }
  }
}

/** A deployment's cacheTtlSeconds: 0 (never cached) or more, null for the default; BAD_USER_INPUT otherwise. */
export function checkCacheTtl(cacheTtlSeconds: number | null | undefined): void {
  if (cacheTtlSeconds != null && (cacheTtlSeconds < 0 || cacheTtlSeconds > 2_592_000))
    throw errors.badInput(
      'cacheTtlSeconds must be between 0 (never cached) and 2592000 (30 days)',
      'cacheTtlSeconds',
    );
}

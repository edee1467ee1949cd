import type { EntityManager } from '@mikro-orm/core';
import type { Counter } from 'prom-client';
import type { EventBus } from '../../../lib/bus/event-bus';
import type { Logger } from '../../../lib/logger';
import { startPeriodicTask } from '../../../lib/periodic-task';
import type { EventStream, StreamEntry } from '../../../lib/stream/event-stream';
import { PREDICTION_STREAM, type PredictionEvent } from '../../../lib/stream/prediction-stream';
import { startStreamConsumer, type StreamConsumer } from '../../../lib/stream/stream-consumer';
import { recordNewEvents } from '../consumption/consumed-events';
import { aggregateByMinute, isCountable, type MinuteIncrement } from './minute-aggregation';
import { addToMinutes, deleteMinutesBefore } from './model-metrics.store';

/** The consumer group that turns prediction events into model metrics. */
export const METRICS_GROUP = 'observability-metrics';

/** Where a replica announces that a model's metrics changed (payload: MetricsChanged). */
export const modelMetricsTopic = (modelId: string): string => `model-metrics:${modelId}`;

/**
 * Events per batch: a batch costs one transaction and one histogram merge per model-minute whatever its size, so
 * larger batches are cheaper per event (bench/observability.ts: 11,000 events/s at 500, 13,000 at 1,000).
 */
export const METRICS_BATCH_SIZE = 1_000;

export interface MetricsChanged {
  modelId: string;
}

/**
 * Applies the events a group has not applied before, in the caller's transaction: records their ids and adds them
 * to their minutes. Answers the minutes changed (none when every event was applied before).
 */
export async function applyPredictionEvents(
  tx: EntityManager,
  events: readonly PredictionEvent[],
  logger: Logger,
): Promise<MinuteIncrement[]> {
  const countable = events.filter(isCountable);
  if (countable.length < events.length)
    logger.warn(
      { skipped: events.length - countable.length },
      'prediction events without ids or time skipped',
    );
  const fresh = await recordNewEvents(
    tx,
    METRICS_GROUP,
    countable.map((event) => event.eventId),
  );
  // Deleting as it goes keeps the first of copies of one event in the same batch.
  const increments = aggregateByMinute(countable.filter((event) => fresh.delete(event.eventId)));
  await addToMinutes(tx, increments);
  return increments;
}

export interface MetricsConsumerOptions {
  em: EntityManager;
  stream: EventStream;
  bus: EventBus;
  logger: Logger;
  consumer: string;
  consumed: Counter<'group'>;
  retentionDays: number;
  /** See StreamConsumerOptions. @default METRICS_BATCH_SIZE */
  batchSize?: number;
  claimIdleMs?: number;
  blockMs?: number;
}

/** The batch handler: one transaction per batch, then one bus message per model whose metrics changed. */
export function metricsBatchHandler(options: MetricsConsumerOptions) {
  const { em, bus, logger, consumed } = options;
  return async (entries: StreamEntry<PredictionEvent>[]): Promise<void> => {
    const events = entries.map((entry) => entry.event);
    const increments = await em.fork().transactional((tx) => applyPredictionEvents(tx, events, logger));
    consumed.inc(
      { group: METRICS_GROUP },
      increments.reduce((sum, increment) => sum + increment.requests, 0),
    );
    const modelIds = new Set(increments.map((increment) => increment.modelId));
    await Promise.all(
      [...modelIds].map((modelId) =>
        bus.publish(modelMetricsTopic(modelId), { modelId } satisfies MetricsChanged).catch((error) => {
          logger.warn({ err: error, modelId }, 'could not announce a change of model metrics');
        }),
      ),
    );
  };
}

/**
 * Consumes the prediction stream into per-minute model metrics until stopped, and deletes minutes past the
 * retention every hour.
 */
export async function startMetricsConsumer(options: MetricsConsumerOptions): Promise<StreamConsumer> {
  const { em, logger, retentionDays } = options;
  const consumer = await startStreamConsumer<PredictionEvent>(options.stream, {
    stream: PREDICTION_STREAM,
    group: METRICS_GROUP,
    consumer: options.consumer,
    handle: metricsBatchHandler(options),
    logger,
    batchSize: options.batchSize ?? METRICS_BATCH_SIZE,
    claimIdleMs: options.claimIdleMs,
    blockMs: options.blockMs,
  });
  const retention = startPeriodicTask(
    () => deleteMinutesBefore(em.fork(), new Date(Date.now() - retentionDays * 24 * 60 * 60 * 1000)),
    { name: 'model-metrics-retention', intervalMs: 60 * 60 * 1000, logger },
  );
  return {
    claimNow: () => consumer.claimNow(),
    async stop() {
      await consumer.stop();
      await retention.stop();
    },
  };
}

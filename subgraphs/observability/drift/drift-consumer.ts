import type { EventStream } from '../../../lib/stream/event-stream';
import { PREDICTION_STREAM, type PredictionEvent } from '../../../lib/stream/prediction-stream';
import { startStreamConsumer, type StreamConsumer } from '../../../lib/stream/stream-consumer';
import { consumerName } from '../consumption/background-consumers';
import { recordNewEvents } from '../consumption/consumed-events';
import type { DriftReporter } from './drift-reporter';
import type { DriftRuntime } from './drift-runtime';
import { serviceCaller } from './platform-client';
import { addToWindows, type DueReport } from './window-ingest';

/** The consumer group of drift windows on the prediction stream (each group gets every prediction once). */
export const DRIFT_GROUP = 'observability-drift';

/**
 * Fills the models' drift windows from the prediction stream, each event applied once (recordNewEvents in the
 * same transaction). Reports that fell due are computed after the commit, one at a time, off the consumer's
 * path: a slow reference download does not hold the stream back, and a report is due once whatever happens to it.
 */
export async function startDriftConsumer(
  runtime: DriftRuntime,
  eventStream: EventStream,
  reporter: DriftReporter,
): Promise<StreamConsumer> {
  let reports: Promise<void> = Promise.resolve();
  const schedule = (due: DueReport) => {
    reports = reports.then(() =>
      reporter.report(serviceCaller(due.organizationId), due.modelId).then(
        () => undefined,
        (error: unknown) => runtime.logger.warn({ err: error, modelId: due.modelId }, 'drift report failed'),
      ),
    );
  };
  const consumer = await startStreamConsumer<PredictionEvent>(eventStream, {
    stream: PREDICTION_STREAM,
    group: DRIFT_GROUP,
    consumer: consumerName,
    logger: runtime.logger,
    handle: async (entries) => {
      const due = await runtime.orm.em.fork().transactional(async (tx) => {
        const events = entries.map((entry) => entry.event);
        const fresh = await recordNewEvents(
          tx,
          DRIFT_GROUP,
          events.map((e) => e.eventId),
        );
        return addToWindows(
          tx,
          // delete() is true once per id: an event twice in one batch is applied once too.
          events.filter((e) => fresh.delete(e.eventId)),
        );
      });
      due.forEach(schedule);
    },
  });
  return {
    claimNow: () => consumer.claimNow(),
    async stop() {
      await consumer.stop();
      await reports;
    },
  };
}

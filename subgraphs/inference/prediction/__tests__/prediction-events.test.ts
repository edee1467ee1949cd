import { createLogger } from '../../../../lib/logger';
import { InMemoryEventStream } from '../../../../lib/stream/in-memory-event-stream';
import { PREDICTION_STREAM, PredictionEventQueue, type PredictionEvent } from '../prediction-events';

const logger = createLogger('events-test', 'silent');

const event = (n: number): PredictionEvent => ({
  eventId: `e${n}`,
  organizationId: 'o',
  modelId: 'm',
  versionId: 'v',
  deploymentId: 'd',
  features: { f0: n },
  output: { label: null, value: n, probabilities: null },
  latencyMs: 0.1,
  cacheHit: false,
  cachedIn: null,
  error: null,
  time: new Date(0).toISOString(),
});

/** A stream whose appends never answer, as a Redis that stopped responding. */
class StalledStream extends InMemoryEventStream {
  appends = 0;
  override append(): Promise<void> {
    this.appends++;
    return new Promise<void>(() => {});
  }
}

/** A stream whose appends fail, as a Redis that refuses them. */
class FailingStream extends InMemoryEventStream {
  override async append(): Promise<void> {
    throw new Error('redis down');
  }
}

describe('PredictionEventQueue', () => {
  it('appends queued events to the stream in batches, in order', async () => {
    const stream = new InMemoryEventStream();
    const queue = new PredictionEventQueue({
      stream,
      streamMaxLength: 1000,
      queueMax: 100,
      batchSize: 3,
      onDrop: () => {},
      logger,
    });
    queue.push([event(1), event(2)]);
    queue.push([event(3), event(4), event(5)]);
    await queue.flush();
    const kept = await stream.range<PredictionEvent>(PREDICTION_STREAM);
    expect(kept.map((entry) => entry.event.eventId)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
    expect(queue.pending).toBe(0);
  });

  it('never makes a prediction wait on a stalled stream: beyond queueMax, events are dropped and counted', async () => {
    const stream = new StalledStream();
    let dropped = 0;
    const queue = new PredictionEventQueue({
      stream,
      streamMaxLength: 1000,
      queueMax: 100,
      batchSize: 10,
      flushTimeoutMs: 50,
      onDrop: (count) => (dropped += count),
      logger,
    });
    const started = performance.now();
    for (let i = 0; i < 1000; i++) queue.push([event(i)]);
    const pushMs = performance.now() - started;
    expect(pushMs).toBeLessThan(50);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 20; i++) queue.push([event(i)]);
    // One batch is stuck in the stream; the queue holds queueMax; every other event was dropped and counted.
    expect(stream.appends).toBe(1);
    expect(queue.pending).toBe(100);
    expect(dropped).toBe(1020 - 100 - 10);
    // Shutdown gives up on a stream that does not answer rather than hang.
    await queue.flush();
  });

  it('counts the events of an append that fails as dropped', async () => {
    let dropped = 0;
    const failing = new FailingStream();
    const queue = new PredictionEventQueue({
      stream: failing,
      streamMaxLength: 10,
      queueMax: 10,
      onDrop: (n) => (dropped += n),
      logger,
    });
    queue.push([event(1), event(2)]);
    await queue.flush();
    expect(dropped).toBe(2);
  });
});

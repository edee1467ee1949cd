import { createTestRedis } from '../../../test/support/redis';
import type { EventBus } from '../event-bus';
import { EventBusOverflowError } from '../event-queue';
import { InMemoryEventBus } from '../in-memory-event-bus';
import { RedisEventBus } from '../redis-event-bus';

const testRedis = createTestRedis('event-bus');
afterAll(() => testRedis.cleanup());

type CreateBus = (options?: { maxQueuedEvents?: number }) => EventBus;

const implementations: [string, CreateBus][] = [
  ['in-memory', (options) => new InMemoryEventBus(options)],
  ['redis', (options) => new RedisEventBus(testRedis.redis, { topicPrefix: testRedis.prefix, ...options })],
];

let topicCounter = 0;
/** A fresh topic per test, so nothing one test published can reach another. */
const freshTopic = () => `topic-${++topicCounter}`;

const DONE = { value: undefined, done: true };

describe.each(implementations)('%s event bus (contract)', (_name, createBus) => {
  let bus: EventBus;
  beforeEach(() => {
    bus = createBus();
  });
  afterEach(() => bus.close());

  it('delivers the events of a topic in publish order', async () => {
    const topic = freshTopic();
    const events = await bus.subscribe<number>(topic);
    for (let i = 1; i <= 20; i++) await bus.publish(topic, i);
    const received: number[] = [];
    for await (const event of events) {
      received.push(event);
      if (received.length === 20) break;
    }
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('delivers every event to every subscriber of the topic', async () => {
    const topic = freshTopic();
    const first = await bus.subscribe(topic);
    const second = await bus.subscribe(topic);
    await bus.publish(topic, 'hello');
    expect(await first.next()).toEqual({ value: 'hello', done: false });
    expect(await second.next()).toEqual({ value: 'hello', done: false });
  });

  it('does not deliver events published on another topic', async () => {
    const [watched, other] = [freshTopic(), freshTopic()];
    const events = await bus.subscribe(watched);
    await bus.publish(other, 'not for you');
    await bus.publish(watched, 'for you');
    expect(await events.next()).toEqual({ value: 'for you', done: false });
  });

  it('delivers payloads as JSON: dates become strings and subscribers get their own copies', async () => {
    const topic = freshTopic();
    const first = await bus.subscribe<{ at: unknown; list: number[] }>(topic);
    const second = await bus.subscribe<{ at: unknown; list: number[] }>(topic);
    const payload = { at: new Date('2024-01-02T03:04:05.000Z'), list: [1, 2] };
    await bus.publish(topic, payload);
    const a = (await first.next()).value;
    const b = (await second.next()).value;
    expect(a).toEqual({ at: '2024-01-02T03:04:05.000Z', list: [1, 2] });
    a.list.push(3);
    expect(b.list).toEqual([1, 2]);
  });

  it('refuses a payload that JSON cannot represent', async () => {
    await expect(bus.publish(freshTopic(), undefined)).rejects.toThrow(TypeError);
  });

  it('keeps delivering to the other subscribers after one calls return()', async () => {
    const topic = freshTopic();
    const leaving = await bus.subscribe(topic);
    const staying = await bus.subscribe(topic);
    expect(await leaving.return!()).toEqual(DONE);
    await bus.publish(topic, 1);
    expect(await staying.next()).toEqual({ value: 1, done: false });
    expect(await leaving.next()).toEqual(DONE);
  });

  it('delivers again to a new subscriber after every subscriber of the topic left', async () => {
    const topic = freshTopic();
    await (
      await bus.subscribe(topic)
    ).return!();
    const events = await bus.subscribe(topic);
    await bus.publish(topic, 'again');
    expect(await events.next()).toEqual({ value: 'again', done: false });
  });

  it('ends the iteration, pending next() included, when the abort signal fires', async () => {
    const topic = freshTopic();
    const controller = new AbortController();
    const events = await bus.subscribe(topic, controller.signal);
    const pending = events.next();
    controller.abort();
    expect(await pending).toEqual(DONE);
    await bus.publish(topic, 'too late');
    expect(await events.next()).toEqual(DONE);
  });

  it('returns an ended iteration for a signal that is already aborted', async () => {
    const events = await bus.subscribe(freshTopic(), AbortSignal.abort());
    expect(await events.next()).toEqual(DONE);
  });

  it('ends every iteration on close() and then refuses to publish or subscribe', async () => {
    const [a, b] = [freshTopic(), freshTopic()];
    const first = await bus.subscribe(a);
    const second = await bus.subscribe(b);
    const pending = first.next();
    const loop = (async () => {
      const seen: unknown[] = [];
      for await (const event of second) seen.push(event);
      return seen;
    })();
    await bus.close();
    expect(await pending).toEqual(DONE);
    expect(await loop).toEqual([]);
    await expect(bus.publish(a, 1)).rejects.toThrow(/closed/);
    await expect(bus.subscribe(a)).rejects.toThrow(/closed/);
  });

  describe('with a bound of 3 queued events per subscriber', () => {
    let bounded: EventBus;
    beforeEach(() => {
      bounded = createBus({ maxQueuedEvents: 3 });
    });
    afterEach(() => bounded.close());

    /** Publishes, then waits until the bus has dispatched everything (one connection delivers in order). */
    async function publishAndSettle(topic: string, count: number) {
      const barrierTopic = freshTopic();
      const barrier = await bounded.subscribe(barrierTopic);
      for (let i = 1; i <= count; i++) await bounded.publish(topic, i);
      await bounded.publish(barrierTopic, 'settled');
      await barrier.next();
      await barrier.return!();
    }

    it('keeps up to the bound for a subscriber that does not read', async () => {
      const topic = freshTopic();
      const slow = await bounded.subscribe<number>(topic);
      await publishAndSettle(topic, 3);
      expect([await slow.next(), await slow.next(), await slow.next()].map((r) => r.value)).toEqual([
        1, 2, 3,
      ]);
    });

    it('ends a subscriber that falls further behind with an overflow error instead of growing', async () => {
      const topic = freshTopic();
      const slow = await bounded.subscribe<number>(topic);
      await publishAndSettle(topic, 4);
      await expect(slow.next()).rejects.toThrow(EventBusOverflowError);
      expect(await slow.next()).toEqual(DONE);
    });

    it('never overflows a subscriber that keeps up, however many events pass', async () => {
      const topic = freshTopic();
      const reader = await bounded.subscribe<number>(topic);
      const received: number[] = [];
      const reading = (async () => {
        for await (const event of reader) if (received.push(event) === 10) break;
      })();
      for (let i = 1; i <= 10; i++) {
        await bounded.publish(topic, i);
        // Let the reader catch up, as a live consumer would, before the next publish.
        while (received.length < i) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      await reading;
      expect(received).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });
});

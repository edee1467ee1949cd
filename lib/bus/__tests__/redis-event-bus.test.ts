import { createTestRedis } from '../../../test/support/redis';
import { RedisEventBus } from '../redis-event-bus';

const testRedis = createTestRedis('redis-event-bus');
afterAll(() => testRedis.cleanup());

let buses: RedisEventBus[] = [];
afterEach(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  buses = [];
});

/** A bus on its own connections, as another process would have; closed after the test. */
function busOfAnotherProcess(prefix = testRedis.prefix): RedisEventBus {
  const bus = new RedisEventBus(testRedis.connect(), { topicPrefix: prefix });
  buses.push(bus);
  return bus;
}

async function subscriberCount(channel: string): Promise<number> {
  const [, count] = (await testRedis.redis.pubsub('NUMSUB', channel)) as [string, number];
  return Number(count);
}

describe('RedisEventBus across processes', () => {
  it('fans out every event to the subscribers of both processes', async () => {
    const [a, b] = [busOfAnotherProcess(), busOfAnotherProcess()];
    const onA = await a.subscribe('fan-out');
    const onB = await b.subscribe('fan-out');
    await a.publish('fan-out', 'from a');
    await b.publish('fan-out', 'from b');
    for (const events of [onA, onB]) {
      expect((await events.next()).value).toBe('from a');
      expect((await events.next()).value).toBe('from b');
    }
  });

  it('has the subscription active upstream when subscribe() resolves, so a publish right after is not missed', async () => {
    const publisherSide = busOfAnotherProcess();
    await publisherSide.publish('warm-up', 'connected');
    for (let i = 0; i < 5; i++) {
      // A fresh bus: its subscriber connection is still being established when subscribe() is called.
      const subscriberSide = busOfAnotherProcess();
      const events = await subscriberSide.subscribe(`race-${i}`);
      await publisherSide.publish(`race-${i}`, i);
      expect((await events.next()).value).toBe(i);
    }
  });

  it('does not hear buses configured with another topic prefix', async () => {
    const mine = busOfAnotherProcess(`${testRedis.prefix}mine:`);
    const theirs = busOfAnotherProcess(`${testRedis.prefix}theirs:`);
    const events = await mine.subscribe('shared-name');
    await theirs.publish('shared-name', 'theirs');
    await mine.publish('shared-name', 'mine');
    expect((await events.next()).value).toBe('mine');
  });

  it('subscribes a channel once however many local subscribers it has, and unsubscribes after the last leaves', async () => {
    const bus = busOfAnotherProcess();
    const channel = `${testRedis.prefix}ref-counted`;
    const first = await bus.subscribe('ref-counted');
    const second = await bus.subscribe('ref-counted');
    await bus.subscribe('another-topic');
    expect(await subscriberCount(channel)).toBe(1);

    await first.return!();
    await barrier(bus);
    expect(await subscriberCount(channel)).toBe(1);

    await second.return!();
    await barrier(bus);
    expect(await subscriberCount(channel)).toBe(0);
  });

  it('unsubscribes when a subscriber is aborted', async () => {
    const bus = busOfAnotherProcess();
    const controller = new AbortController();
    await bus.subscribe('aborted', controller.signal);
    expect(await subscriberCount(`${testRedis.prefix}aborted`)).toBe(1);
    controller.abort();
    await barrier(bus);
    expect(await subscriberCount(`${testRedis.prefix}aborted`)).toBe(0);
  });

  it('skips a message on its channel that is not JSON and keeps delivering', async () => {
    const bus = busOfAnotherProcess();
    const events = await bus.subscribe('foreign');
    await testRedis.redis.publish(`${testRedis.prefix}foreign`, 'not json {');
    await bus.publish('foreign', 'valid');
    expect((await events.next()).value).toBe('valid');
  });
});

let barrierCounter = 0;
/**
 * The subscriber connection handles commands in order: once a later SUBSCRIBE is acknowledged, an earlier
 * UNSUBSCRIBE has been applied by Redis.
 */
async function barrier(bus: RedisEventBus): Promise<void> {
  const events = await bus.subscribe(`barrier-${++barrierCounter}`);
  await events.return!();
}

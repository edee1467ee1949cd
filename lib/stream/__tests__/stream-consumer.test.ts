import { createLogger } from '../../logger';
import { createTestRedis } from '../../../test/support/redis';
import { eventually } from '../../../test/support/eventually';
import type { EventStream, StreamEntry } from '../event-stream';
import { InMemoryEventStream } from '../in-memory-event-stream';
import { RedisEventStream } from '../redis-event-stream';
import { startStreamConsumer, type StreamConsumer } from '../stream-consumer';

const testRedis = createTestRedis('stream-consumer');
afterAll(() => testRedis.cleanup());
const logger = createLogger('test', 'silent');

const implementations: [string, () => EventStream][] = [
  ['in-memory', () => new InMemoryEventStream()],
  ['redis', () => new RedisEventStream(testRedis.redis, { keyPrefix: testRedis.prefix })],
];

describe.each(implementations)('stream consumer on the %s stream', (_name, createStream) => {
  let events: EventStream;
  let consumers: StreamConsumer[];
  let counter = 0;
  let stream: string;

  beforeEach(() => {
    events = createStream();
    consumers = [];
    stream = `consumed-${Date.now()}-${++counter}`;
  });
  afterEach(async () => {
    await Promise.all(consumers.map((consumer) => consumer.stop()));
    await events.close();
  });

  const start = async (
    consumer: string,
    handle: (entries: StreamEntry<number>[]) => Promise<void>,
    claimIdleMs = 60_000,
  ) => {
    const started = await startStreamConsumer<number>(events, {
      stream,
      group: 'test',
      consumer,
      handle,
      logger,
      blockMs: 50,
      claimIdleMs,
      retryDelayMs: 20,
    });
    consumers.push(started);
    return started;
  };

  it('hands over every appended event once, in order, in batches', async () => {
    const seen: number[] = [];
    await start('a', async (entries) => void seen.push(...entries.map((entry) => entry.event)));
    await events.append(stream, [1, 2, 3]);
    await events.append(stream, [4]);
    await eventually(() => expect(seen).toEqual([1, 2, 3, 4]));
  });

  it('shares the stream between the replicas of a group: each event goes to one of them', async () => {
    const seen: number[] = [];
    const handle = async (entries: StreamEntry<number>[]) => void seen.push(...entries.map((e) => e.event));
    await start('a', handle);
    await start('b', handle);
    const appended = Array.from({ length: 200 }, (_, i) => i);
    for (let i = 0; i < appended.length; i += 20) await events.append(stream, appended.slice(i, i + 20));
    await eventually(() => expect([...seen].sort((x, y) => x - y)).toEqual(appended));
  });

  it('retries a batch whose handling failed, once it has been pending past claimIdleMs', async () => {
    let failures = 0;
    const seen: number[] = [];
    await start(
      'a',
      async (entries) => {
        if (failures++ === 0) throw new Error('database down');
        seen.push(...entries.map((entry) => entry.event));
      },
      200,
    );
    await events.append(stream, [7, 8]);
    await eventually(() => expect(seen).toEqual([7, 8]), 5_000);
    expect(failures).toBe(2);
  });

  it('takes over what a dead consumer read and never acknowledged, and nothing else', async () => {
    await events.createGroup(stream, 'test');
    await events.append(stream, [1, 2, 3]);
    // A consumer that read the batch and died before acknowledging it.
    const read = await events.readGroup<number>(stream, { group: 'test', consumer: 'dead', count: 2 });
    expect(read.map((entry) => entry.event)).toEqual([1, 2]);
    const seen: number[] = [];
    const survivor = await start(
      'survivor',
      async (entries) => void seen.push(...entries.map((e) => e.event)),
      150,
    );
    await eventually(() => expect(seen).toEqual([3]));
    await new Promise((resolve) => setTimeout(resolve, 200));
    await survivor.claimNow();
    expect([...seen].sort()).toEqual([1, 2, 3]);
    await survivor.claimNow();
    expect(seen).toHaveLength(3);
  });
});

describe.each(implementations)('a consumer on the %s stream closed under it', (_name, createStream) => {
  it('stops reading (and opens no connection) once the stream is closed', async () => {
    const events = createStream();
    const stream = `closed-${Date.now()}`;
    let reads = 0;
    const consumer = await startStreamConsumer<number>(events, {
      stream,
      group: 'test',
      consumer: 'a',
      handle: async () => {},
      logger,
      blockMs: 20,
      retryDelayMs: 10,
    });
    const readGroup = events.readGroup.bind(events);
    events.readGroup = (async (...args: Parameters<EventStream['readGroup']>) => {
      reads++;
      return readGroup(...args);
    }) as EventStream['readGroup'];
    await eventually(() => expect(reads).toBeGreaterThan(0));
    // Closed while the consumer runs, nobody stopping it: it must end by itself.
    await events.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const after = reads;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toBe(after);
    await consumer.stop();
    await expect(events.readGroup(stream, { group: 'test', consumer: 'a', blockMs: 10 })).rejects.toThrow(
      'closed',
    );
  });
});

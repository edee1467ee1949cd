import { contractImplementations } from '../../../test/support/port-contract';
import { createTestRedis, sleep } from '../../../test/support/redis';
import type { EventStream } from '../event-stream';
import { InMemoryEventStream } from '../in-memory-event-stream';
import { RedisEventStream } from '../redis-event-stream';

const testRedis = createTestRedis('stream');
afterAll(() => testRedis.cleanup());

const implementations = contractImplementations<EventStream>({
  inMemory: (now) => new InMemoryEventStream({ now }),
  redis: () => new RedisEventStream(testRedis.redis, { keyPrefix: testRedis.prefix }),
});

describe.each(implementations)('%s event stream (contract)', (_name, createHarness) => {
  let stream: EventStream;
  let elapse: (ms: number) => Promise<void>;
  let counter = 0;
  /** A fresh stream per test, so nothing one test appended shows in another. */
  const freshStream = () => `stream-${++counter}`;

  beforeEach(() => {
    ({ port: stream, elapse } = createHarness());
  });
  afterEach(() => stream.close());

  it('reads nothing from a stream never appended to', async () => {
    expect(await stream.range(freshStream())).toEqual([]);
  });

  it('keeps events in the order appended, as JSON, with increasing ids', async () => {
    const name = freshStream();
    await stream.append(name, [{ n: 1, at: new Date('2024-05-06T07:08:09.000Z') }, 'two']);
    await stream.append(name, [[3], null]);
    await stream.append(name, []);
    const entries = await stream.range(name);
    expect(entries.map((entry) => entry.event)).toEqual([
      { n: 1, at: '2024-05-06T07:08:09.000Z' },
      'two',
      [3],
      null,
    ]);
    const ids = entries.map((entry) => entry.id.split('-').map(Number));
    for (let i = 1; i < ids.length; i++) {
      const [ms, seq] = ids[i];
      const [previousMs, previousSeq] = ids[i - 1];
      expect(ms > previousMs || (ms === previousMs && seq > previousSeq)).toBe(true);
    }
  });

  it('keeps streams apart', async () => {
    const [a, b] = [freshStream(), freshStream()];
    await stream.append(a, ['a']);
    await stream.append(b, ['b']);
    expect((await stream.range(a)).map((entry) => entry.event)).toEqual(['a']);
  });

  it('trims to about maxLength, keeping the newest events', async () => {
    const name = freshStream();
    const events = Array.from({ length: 1000 }, (_, i) => i);
    await stream.append(name, events, { maxLength: 10 });
    const kept = (await stream.range<number>(name, { count: 2000 })).map((entry) => entry.event);
    // Redis trims in whole nodes of up to 100 entries (MAXLEN ~): at least maxLength, not much more.
    expect(kept.length).toBeGreaterThanOrEqual(10);
    expect(kept.length).toBeLessThan(10 + 200);
    expect(kept.at(-1)).toBe(999);
    expect(kept).toEqual(events.slice(1000 - kept.length));
  });

  it('reads at most count entries, oldest first', async () => {
    const name = freshStream();
    await stream.append(name, [1, 2, 3]);
    expect((await stream.range(name, { count: 2 })).map((entry) => entry.event)).toEqual([1, 2]);
  });

  describe('consumer groups', () => {
    const events = (entries: { event: unknown }[]) => entries.map((entry) => entry.event);

    it('gives each entry to one consumer of a group, from the start, and every group all of them', async () => {
      const name = freshStream();
      await stream.append(name, [1, 2, 3]);
      await stream.createGroup(name, 'metrics');
      await stream.createGroup(name, 'metrics'); // idempotent
      await stream.createGroup(name, 'drift');
      expect(events(await stream.readGroup(name, { group: 'metrics', consumer: 'a', count: 2 }))).toEqual([
        1, 2,
      ]);
      expect(events(await stream.readGroup(name, { group: 'metrics', consumer: 'b' }))).toEqual([3]);
      expect(await stream.readGroup(name, { group: 'metrics', consumer: 'a' })).toEqual([]);
      expect(events(await stream.readGroup(name, { group: 'drift', consumer: 'a' }))).toEqual([1, 2, 3]);
      await stream.append(name, [4]);
      expect(events(await stream.readGroup(name, { group: 'metrics', consumer: 'b' }))).toEqual([4]);
    });

    it('creates the stream with the group, and refuses to read a group never created', async () => {
      const name = freshStream();
      await stream.createGroup(name, 'g');
      expect(await stream.readGroup(name, { group: 'g', consumer: 'a' })).toEqual([]);
      await expect(stream.readGroup(name, { group: 'other', consumer: 'a' })).rejects.toThrow(/NOGROUP/);
    });

    it('waits up to blockMs for an entry appended meanwhile', async () => {
      const name = freshStream();
      await stream.createGroup(name, 'g');
      const waiting = stream.readGroup(name, { group: 'g', consumer: 'a', blockMs: 2_000 });
      await sleep(50);
      await stream.append(name, ['late']);
      expect(events(await waiting)).toEqual(['late']);
      expect(await stream.readGroup(name, { group: 'g', consumer: 'a', blockMs: 20 })).toEqual([]);
    });

    it('lets another consumer claim what a dead consumer left unacknowledged, never what was acknowledged', async () => {
      const name = freshStream();
      await stream.append(name, ['done', 'lost', 'also lost']);
      await stream.createGroup(name, 'g');
      const read = await stream.readGroup(name, { group: 'g', consumer: 'dead' });
      await stream.ack(name, 'g', [read[0].id]);
      // Not idle long enough yet.
      expect(await stream.claimIdle(name, { group: 'g', consumer: 'alive', minIdleMs: 60_000 })).toEqual([]);
      await elapse(100);
      const claimed = await stream.claimIdle(name, { group: 'g', consumer: 'alive', minIdleMs: 50 });
      expect(events(claimed)).toEqual(['lost', 'also lost']);
      expect(claimed.map((entry) => entry.id)).toEqual([read[1].id, read[2].id]);
      // Claimed entries are pending for the new consumer: idle again from now, acknowledged by it.
      expect(await stream.claimIdle(name, { group: 'g', consumer: 'third', minIdleMs: 50 })).toEqual([]);
      await stream.ack(
        name,
        'g',
        claimed.map((entry) => entry.id),
      );
      await elapse(100);
      expect(await stream.claimIdle(name, { group: 'g', consumer: 'third', minIdleMs: 50 })).toEqual([]);
    });
  });
});

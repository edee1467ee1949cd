import { EventStream, SlowConsumerError } from './event-stream';

function makeStream(maxBuffered = 10) {
  const closed = { count: 0 };
  const stream = new EventStream<number, string>({
    resolve: async (n) => `event ${n}`,
    onClose: () => (closed.count += 1),
    maxBuffered,
  });
  return { stream, closed };
}

describe('EventStream', () => {
  it('delivers pushed events in order, then ends', async () => {
    const { stream, closed } = makeStream();
    stream.push(1);
    stream.push(2);
    stream.end();

    const received: string[] = [];
    for await (const value of stream) received.push(value);

    expect(received).toEqual(['event 1', 'event 2']);
    expect(closed.count).toBe(1);
  });

  it('closes at once when returned while waiting for an event', async () => {
    const { stream, closed } = makeStream();
    const pending = stream.next();

    await stream.return();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
    expect(closed.count).toBe(1);
  });

  it('throws a failure after the events that came before it', async () => {
    const { stream, closed } = makeStream();
    stream.push(1);
    stream.fail(new Error('source gone'));

    await expect(stream.next()).resolves.toEqual({ done: false, value: 'event 1' });
    await expect(stream.next()).rejects.toThrow('source gone');
    expect(closed.count).toBe(1);
  });

  it('fails a consumer that falls too far behind, dropping the backlog', async () => {
    const { stream } = makeStream(2);
    stream.push(1);
    stream.push(2);
    stream.push(3);

    await expect(stream.next()).rejects.toBeInstanceOf(SlowConsumerError);
  });

  it('ignores events pushed after it closed', async () => {
    const { stream, closed } = makeStream();
    await stream.return();
    stream.push(1);
    stream.end();

    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(closed.count).toBe(1);
  });
});

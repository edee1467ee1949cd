import { EventBusOverflowError } from '../../../lib/bus/event-queue';
import { ResolvedEvents } from '../resolved-events';

function makeStream(maxBuffered = 10) {
  const closed = { count: 0 };
  const stream = new ResolvedEvents<number, string>({
    label: 'test',
    resolve: async (n) => `event ${n}`,
    onClose: () => (closed.count += 1),
    maxBuffered,
  });
  return { stream, closed };
}

describe('ResolvedEvents', () => {
  it('delivers pushed events resolved and in order, then ends', async () => {
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

  it('drops an event still being resolved when returned meanwhile', async () => {
    let release!: () => void;
    const stream = new ResolvedEvents<number, string>({
      label: 'test',
      resolve: (n) => new Promise((resolve) => (release = () => resolve(`event ${n}`))),
      onClose: () => {},
      maxBuffered: 10,
    });
    stream.push(1);
    const pending = stream.next();
    await new Promise((resolve) => setImmediate(resolve));

    await stream.return();
    release();

    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });

  it('throws a failure after the events that came before it', async () => {
    const { stream, closed } = makeStream();
    stream.push(1);
    stream.push(2);
    stream.fail(new Error('source gone'));

    await expect(stream.next()).resolves.toEqual({ done: false, value: 'event 1' });
    await expect(stream.next()).resolves.toEqual({ done: false, value: 'event 2' });
    await expect(stream.next()).rejects.toThrow('source gone');
    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(closed.count).toBe(1);
  });

  it('fails a consumer that falls too far behind, dropping the backlog', async () => {
    const { stream } = makeStream(2);
    stream.push(1);
    stream.push(2);
    stream.push(3);

    await expect(stream.next()).rejects.toBeInstanceOf(EventBusOverflowError);
  });

  it('ignores events and failures pushed after it closed', async () => {
    const { stream, closed } = makeStream();
    await stream.return();
    stream.push(1);
    stream.fail(new Error('late'));
    stream.end();

    await expect(stream.next()).resolves.toEqual({ done: true, value: undefined });
    expect(closed.count).toBe(1);
  });
});

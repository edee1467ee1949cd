import { EventQueue } from '../../../../lib/bus/event-queue';
import { ThrottledChanges } from '../throttled-changes';

/** A notification source the test pushes to, and a value the test changes. */
function setup(initial = 0) {
  let ended = false;
  const notifications = new EventQueue<string>('test', 100, () => (ended = true));
  const state = { value: initial, reads: 0 };
  const changes = new ThrottledChanges<number>(
    notifications,
    async () => {
      state.reads += 1;
      return state.value;
    },
    String,
    String(initial),
    1_000,
    () => notifications.return(),
  );
  return { notifications, state, changes, isUnsubscribed: () => ended };
}

/** Lets the promise chains settle without moving the clock. */
const settle = () => jest.advanceTimersByTimeAsync(0);

describe('throttled changes', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('delivers a changed value at once, then at most one a second, collapsing notifications in between', async () => {
    const { notifications, state, changes } = setup();
    const received: number[] = [];
    const take = () => changes.next().then((result) => received.push(result.value as number));

    state.value = 1;
    notifications.push('changed');
    await take();
    expect(received).toEqual([1]);

    const second = take();
    for (const value of [2, 3, 4]) {
      state.value = value;
      notifications.push('changed');
      await settle();
    }
    await jest.advanceTimersByTimeAsync(999);
    expect(received).toEqual([1]);
    await jest.advanceTimersByTimeAsync(1);
    await second;
    expect(received).toEqual([1, 4]);
    expect(state.reads).toBe(2);
  });

  it('delivers nothing when a notification leaves the value as the client has it', async () => {
    const { notifications, state, changes } = setup(7);
    let delivered = false;
    void changes.next().then(() => (delivered = true));
    notifications.push('changed');
    await jest.advanceTimersByTimeAsync(5_000);
    expect(state.reads).toBe(1);
    expect(delivered).toBe(false);
    state.value = 8;
    notifications.push('changed');
    await jest.advanceTimersByTimeAsync(0);
    expect(delivered).toBe(true);
  });

  it('unsubscribes and ends a waiting next() when the client leaves', async () => {
    const { changes, isUnsubscribed } = setup();
    const pending = changes.next();
    await changes.return();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(isUnsubscribed()).toBe(true);
  });

  it('ends with the error that ended the notifications', async () => {
    const { notifications, changes } = setup();
    notifications.fail(new Error('subscriber fell behind'));
    await expect(changes.next()).rejects.toThrow('subscriber fell behind');
    expect(await changes.next()).toEqual({ value: undefined, done: true });
  });
});

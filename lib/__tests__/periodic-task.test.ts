import { createLogger } from '../logger';
import { startPeriodicTask } from '../periodic-task';

const logger = createLogger('periodic-task-test', 'silent');

/** A promise with its resolve function, to wait for an event instead of a fixed time. */
function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('startPeriodicTask', () => {
  it('runs again after each run, never two at once, and keeps going after a failure', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const third = signal();
    const task = startPeriodicTask(
      async () => {
        running++;
        overlapped ||= running > 1;
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        runs++;
        if (runs === 3) third.resolve();
        if (runs === 1) throw new Error('first run fails');
      },
      { name: 'test', intervalMs: 1, logger },
    );
    await third.promise;
    await task.stop();
    expect(overlapped).toBe(false);
    expect(runs).toBeGreaterThanOrEqual(3);
  });

  it('waits for the run in progress when stopped, and runs no more', async () => {
    const started = signal();
    const release = signal();
    let runs = 0;
    const task = startPeriodicTask(
      async () => {
        runs++;
        started.resolve();
        await release.promise;
      },
      { name: 'test', intervalMs: 1, logger },
    );
    await started.promise;
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release.resolve();
    await stopping;
    expect(runs).toBe(1);
    await task.runNow();
    expect(runs).toBe(1);
  });
});

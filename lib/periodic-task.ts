import type { Logger } from './logger';

export interface PeriodicTaskOptions {
  /** Names the task in logs. */
  name: string;
  /** Time between the end of one run and the start of the next. */
  intervalMs: number;
  logger: Logger;
}

export interface PeriodicTask {
  /** Runs the task now (waiting for a run in progress first); resolves when that run ends. */
  runNow(): Promise<void>;
  /** No further runs; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalMs`, never two runs at once, and logs (rather than throws) a failed run so that the
 * next one still happens. The timer does not keep the process alive.
 */
export function startPeriodicTask(work: () => Promise<unknown>, options: PeriodicTaskOptions): PeriodicTask {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const run = (): Promise<void> => {
    running = running.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (error) {
        options.logger.error({ err: error, task: options.name }, 'periodic task failed');
      }
    });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void run().then(schedule), options.intervalMs);
    timer.unref();
  };
  schedule();

  return {
    runNow: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

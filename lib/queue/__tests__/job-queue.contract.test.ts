import pino from 'pino';
import { createTestRedis } from '../../../test/support/redis';
import type { Logger } from '../../logger';
import { BullMqJobQueue } from '../bullmq-job-queue';
import { InProcessJobQueue } from '../in-process-job-queue';
import type { ConsumeOptions, JobHandler, JobQueue, QueuedJob } from '../job-queue';

const testRedis = createTestRedis('job-queue');
afterAll(() => testRedis.cleanup());

type CreateQueue = (name: string, logger: Logger) => JobQueue;

const implementations: [string, CreateQueue, { durable: boolean }][] = [
  ['in-process', (_name, logger) => new InProcessJobQueue({ logger }), { durable: false }],
  [
    'bullmq',
    (name, logger) =>
      new BullMqJobQueue({ url: testRedis.url, prefix: `${testRedis.prefix}bull`, name, logger }),
    { durable: true },
  ],
];

let queueCounter = 0;
/** A fresh queue name per test, so no job of one test can reach another. */
const freshName = () => `jobs-${++queueCounter}`;

const neverAbandoned: ConsumeOptions['onAbandoned'] = async (jobId) => {
  throw new Error(`no worker died, yet ${jobId} was abandoned`);
};

/** Records what handlers see; `hold()` keeps every handler that starts running until `release()`. */
class Recorder {
  readonly started: QueuedJob[] = [];
  readonly finished: string[] = [];
  running = 0;
  maxRunning = 0;
  private gate: Promise<void> | undefined;
  private openGate = () => {};
  private readonly waiters: { done: () => boolean; resolve: () => void }[] = [];

  readonly handler: JobHandler = async (job) => {
    this.started.push(job);
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    this.notify();
    try {
      await this.gate;
    } finally {
      this.running--;
      this.finished.push(job.id);
      this.notify();
    }
  };

  hold(): void {
    this.gate ??= new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate();
    this.gate = undefined;
  }

  startedIds(): string[] {
    return this.started.map((job) => job.id);
  }

  untilStarted(count: number): Promise<void> {
    return this.until(() => this.started.length >= count);
  }

  untilFinished(count: number): Promise<void> {
    return this.until(() => this.finished.length >= count);
  }

  private until(done: () => boolean): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.done()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

/** Settles a flag when the promise does, so a test can check that something has NOT happened yet. */
function track(promise: Promise<unknown>): { settled: boolean } {
  const state = { settled: false };
  void promise.finally(() => (state.settled = true));
  return state;
}

describe.each(implementations)('%s job queue (contract)', (_name, createQueue, expected) => {
  let queue: JobQueue;
  let recorder: Recorder;
  let logLines: Record<string, unknown>[];

  beforeEach(() => {
    logLines = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logLines.push(JSON.parse(line)) });
    queue = createQueue(freshName(), logger);
    recorder = new Recorder();
  });
  afterEach(async () => {
    recorder.release();
    await queue.close();
  });

  const consume = (concurrency = 1, handler = recorder.handler) =>
    queue.consume(handler, { concurrency, onAbandoned: neverAbandoned });

  it(`is ${expected.durable ? '' : 'not '}durable`, () => {
    expect(queue.durable).toBe(expected.durable);
  });

  it('delivers every enqueued job once, as attempt 1', async () => {
    consume(2);
    const ids = Array.from({ length: 10 }, (_, i) => `job-${i}`);
    for (const id of ids) await queue.enqueue(id);
    await recorder.untilFinished(10);
    await queue.enqueue('last');
    await recorder.untilFinished(11);
    expect(recorder.startedIds().sort()).toEqual([...ids, 'last'].sort());
    expect(recorder.started.every((job) => job.attempt === 1)).toBe(true);
  });

  it('runs at most `concurrency` handlers at once, and that many in parallel', async () => {
    recorder.hold();
    consume(3);
    for (let i = 0; i < 7; i++) await queue.enqueue(`job-${i}`);
    await recorder.untilStarted(3);
    recorder.release();
    await recorder.untilFinished(7);
    expect(recorder.maxRunning).toBe(3);
  });

  it('starts jobs in enqueue order with concurrency 1', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `job-${i}`);
    for (const id of ids) await queue.enqueue(id);
    consume(1);
    await recorder.untilFinished(10);
    expect(recorder.startedIds()).toEqual(ids);
  });

  it('ignores an enqueue of an id that is waiting or running, and takes it again once done', async () => {
    recorder.hold();
    consume(1);
    await queue.enqueue('a');
    await recorder.untilStarted(1);
    await queue.enqueue('b');
    await queue.enqueue('a'); // running
    await queue.enqueue('b'); // waiting
    recorder.release();
    await recorder.untilFinished(2);
    await queue.enqueue('c');
    await recorder.untilFinished(3);
    expect(recorder.startedIds()).toEqual(['a', 'b', 'c']);

    await queue.enqueue('a');
    await recorder.untilFinished(4);
    expect(recorder.startedIds()).toEqual(['a', 'b', 'c', 'a']);
  });

  it('logs a handler that throws, does not run that job again, and keeps consuming', async () => {
    const handler: JobHandler = async (job) => {
      await recorder.handler(job);
      if (job.id === 'bad') throw new Error('training diverged');
    };
    consume(1, handler);
    await queue.enqueue('bad');
    await queue.enqueue('good');
    await recorder.untilFinished(2);
    await queue.enqueue('last');
    await recorder.untilFinished(3);
    expect(recorder.startedIds()).toEqual(['bad', 'good', 'last']);
    expect(logLines).toContainEqual(
      expect.objectContaining({
        jobId: 'bad',
        err: expect.objectContaining({ message: 'training diverged' }),
      }),
    );
  });

  it('stop() resolves after the running handler finished, and the consumer takes no new job', async () => {
    recorder.hold();
    const consumer = consume(1);
    await queue.enqueue('running');
    await recorder.untilStarted(1);
    const stopping = track(consumer.stop());
    await queue.enqueue('after-stop');
    expect(stopping.settled).toBe(false);
    recorder.release();
    await consumer.stop();
    expect(recorder.finished).toEqual(['running']);

    // The job was left in the queue, not dropped: the next consumer gets it.
    consume(1);
    await recorder.untilFinished(2);
    expect(recorder.startedIds()).toEqual(['running', 'after-stop']);
  });

  it('shares jobs between consumers without running any twice', async () => {
    recorder.hold();
    consume(1);
    consume(1);
    const ids = Array.from({ length: 6 }, (_, i) => `job-${i}`);
    for (const id of ids) await queue.enqueue(id);
    // Each consumer runs one handler at most: two running means both took a job.
    await recorder.untilStarted(2);
    recorder.release();
    await recorder.untilFinished(6);
    await queue.enqueue('last');
    await recorder.untilFinished(7);
    expect(recorder.maxRunning).toBe(2);
    expect(recorder.startedIds().sort()).toEqual([...ids, 'last'].sort());
  });

  it('close() waits for running handlers, then refuses to enqueue or consume', async () => {
    recorder.hold();
    consume(1);
    await queue.enqueue('running');
    await recorder.untilStarted(1);
    const closing = track(queue.close());
    await Promise.resolve();
    expect(closing.settled).toBe(false);
    recorder.release();
    await queue.close();
    expect(recorder.finished).toEqual(['running']);
    await expect(queue.enqueue('too-late')).rejects.toThrow(/closed/);
    expect(() => consume(1)).toThrow(/closed/);
  });

  it('refuses ids that BullMQ cannot store: empty, integers, with a colon', async () => {
    for (const id of ['', '42', 'a:b']) await expect(queue.enqueue(id)).rejects.toThrow(TypeError);
    await expect(queue.enqueue('8c0e2a4e-6a4b-4c1f-9d3c-2f1f3a0b7e11')).resolves.toBeUndefined();
  });
});

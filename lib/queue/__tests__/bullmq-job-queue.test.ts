import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { createTestRedis } from '../../../test/support/redis';
import { createLogger } from '../../logger';
import { ABANDONED_REASON, BullMqJobQueue, type BullMqJobQueueOptions } from '../bullmq-job-queue';
import type { QueuedJob } from '../job-queue';

const testRedis = createTestRedis('bullmq-job-queue');
afterAll(() => testRedis.cleanup());

/** Short enough to keep the tests fast: a killed worker's job is taken over within about 3 s. */
const fastStalledCheck = { lockDurationMs: 1_000, stalledIntervalMs: 1_000 };
const prefix = `${testRedis.prefix}bull`;
const logger = createLogger('bullmq-job-queue-test', 'silent');

let queueCounter = 0;
const freshName = () => `killed-${++queueCounter}`;
const JOB_ID = '5f0c6f1e-8d1b-4a57-9a43-3c1d1b2f9e40';

type Options = Pick<BullMqJobQueueOptions, 'name' | 'maxStalledRetries'>;

const queues: BullMqJobQueue[] = [];
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
});

/** A queue of this process: a producer, or the consumer that survives the killed ones. */
function openQueue(options: Options): BullMqJobQueue {
  const queue = new BullMqJobQueue({ url: testRedis.url, prefix, logger, ...fastStalledCheck, ...options });
  queues.push(queue);
  return queue;
}

interface ChildConsumer {
  /** Resolves with the job its handler started (that handler never finishes). */
  started: Promise<QueuedJob>;
  /** SIGKILL: no cleanup, no lock release, as when a machine dies. */
  kill(): Promise<void>;
}

/** Another process consuming the queue with the real BullMqJobQueue, its handler never finishing. */
function startChildConsumer(options: Options): ChildConsumer {
  const script = `
    const { BullMqJobQueue } = require('./lib/queue/bullmq-job-queue');
    const { createLogger } = require('./lib/logger');
    const options = JSON.parse(process.env.QUEUE_OPTIONS);
    const queue = new BullMqJobQueue({ ...options, logger: createLogger('child', 'silent') });
    queue.consume(
      async (job) => {
        console.log(JSON.stringify(job));
        await new Promise(() => {});
      },
      { concurrency: 1, onAbandoned: async (id) => console.log(JSON.stringify({ abandoned: id })) },
    );`;
  const queueOptions = { url: testRedis.url, prefix, ...fastStalledCheck, ...options };
  const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
    cwd: path.resolve(__dirname, '../../..'),
    env: { ...process.env, QUEUE_OPTIONS: JSON.stringify(queueOptions) },
  });
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
  const started = new Promise<QueuedJob>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as QueuedJob));
    void exited.then(() => reject(new Error(`child consumer exited before starting a job: ${stderr}`)));
  });
  started.catch(() => {});
  return {
    started,
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Runs a job in a child process, then kills that process while the handler is still running. */
async function killWhileRunning(options: Options): Promise<QueuedJob> {
  const child = startChildConsumer(options);
  const job = await child.started;
  await child.kill();
  return job;
}

function recordingConsumer(
  queue: BullMqJobQueue,
  onAbandoned: (id: string, reason: string) => Promise<void>,
) {
  const handled: QueuedJob[] = [];
  let markHandled = () => {};
  const untilHandled = new Promise<void>((resolve) => (markHandled = resolve));
  queue.consume(
    async (job) => {
      handled.push(job);
      markHandled();
    },
    { concurrency: 1, onAbandoned },
  );
  return { handled, untilHandled };
}

async function jobKeysLeft(name: string): Promise<number> {
  return testRedis.redis.exists(`${prefix}:${name}:${JOB_ID}`);
}

describe('BullMqJobQueue when the process running a job is killed', () => {
  it('runs the job again from the start, as attempt 2, in a surviving process', async () => {
    const options = { name: freshName(), maxStalledRetries: 1 };
    const queue = openQueue(options);
    await queue.enqueue(JOB_ID);
    expect(await killWhileRunning(options)).toEqual({ id: JOB_ID, attempt: 1 });

    const abandoned: string[] = [];
    const survivor = recordingConsumer(queue, async (id) => void abandoned.push(id));
    await survivor.untilHandled;
    expect(survivor.handled).toEqual([{ id: JOB_ID, attempt: 2 }]);
    expect(abandoned).toEqual([]);
  });

  it('abandons the job, once among survivors, when killed more often than maxStalledRetries', async () => {
    const options = { name: freshName(), maxStalledRetries: 1 };
    await openQueue(options).enqueue(JOB_ID);
    expect(await killWhileRunning(options)).toEqual({ id: JOB_ID, attempt: 1 });
    expect(await killWhileRunning(options)).toEqual({ id: JOB_ID, attempt: 2 });

    const abandoned: [string, string][] = [];
    let markAbandoned = () => {};
    const untilAbandoned = new Promise<void>((resolve) => (markAbandoned = resolve));
    const onAbandoned = async (id: string, reason: string) => {
      abandoned.push([id, reason]);
      markAbandoned();
    };
    // Two survivors, as two worker processes would be: only one of them may report the job.
    const survivors = [openQueue(options), openQueue(options)].map((queue) =>
      recordingConsumer(queue, onAbandoned),
    );
    await untilAbandoned;
    // Closing waits for the consumer that is finishing the abandoned job.
    await Promise.all(queues.splice(0).map((queue) => queue.close()));

    expect(abandoned).toEqual([[JOB_ID, ABANDONED_REASON]]);
    expect(survivors.flatMap((survivor) => survivor.handled)).toEqual([]);
    expect(await jobKeysLeft(options.name)).toBe(0);
  });

  it('calls onAbandoned again later when it throws, so the owner still hears of the job', async () => {
    const options = { name: freshName(), maxStalledRetries: 0 };
    await openQueue(options).enqueue(JOB_ID);
    await killWhileRunning(options);

    const calls: string[] = [];
    let markRecorded = () => {};
    const untilRecorded = new Promise<void>((resolve) => (markRecorded = resolve));
    const survivor = recordingConsumer(openQueue(options), async (id) => {
      calls.push(id);
      if (calls.length === 1) throw new Error('database unavailable');
      markRecorded();
    });
    await untilRecorded;
    await Promise.all(queues.splice(0).map((queue) => queue.close()));

    expect(calls).toEqual([JOB_ID, JOB_ID]);
    expect(survivor.handled).toEqual([]);
    expect(await jobKeysLeft(options.name)).toBe(0);
  });
});

describe('BullMqJobQueue when Redis cannot be reached', () => {
  it('fails an enqueue instead of hanging, and closes with a consumer that never connected', async () => {
    const queue = new BullMqJobQueue({
      url: 'redis://127.0.0.1:1',
      name: freshName(),
      logger,
      connectTimeoutMs: 500,
    });
    queue.consume(async () => {}, { concurrency: 1, onAbandoned: async () => {} });
    await expect(queue.enqueue(JOB_ID)).rejects.toThrow(/no connection to Redis/);
    await queue.close();
  });
});

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestRedis, deleteKeys } from '../../test/support/redis';
import { InMemoryEventBus } from '../bus/in-memory-event-bus';
import { RedisEventBus } from '../bus/redis-event-bus';
import { loadConfig, type Config } from '../config';
import type { Infrastructure } from '../infrastructure';
import { createInfrastructure } from '../infrastructure-factory';
import { createLogger } from '../logger';
import { startEmbeddedS3 } from '../../test/support/embedded-s3';
import { FileObjectStore } from '../object-store/file-object-store';
import { MinioObjectStore } from '../object-store/minio-object-store';
import { findFreePort } from '../process';
import { BullMqJobQueue } from '../queue/bullmq-job-queue';
import { InProcessJobQueue } from '../queue/in-process-job-queue';
import type { JobQueue } from '../queue/job-queue';
import { checkReadiness } from '../server/health';

const logger = createLogger('infrastructure-test', 'silent');
const testRedis = createTestRedis('infrastructure');
let dataDir: string;
const opened: Infrastructure[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'mlaas-infra-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((infrastructure) => infrastructure.close()));
  await rm(dataDir, { recursive: true, force: true });
});
afterAll(() => testRedis.cleanup());

/** Resolves with the first job id a new consumer of `queue` runs. */
function nextJobId(queue: JobQueue): Promise<string> {
  return new Promise((resolve) => {
    const consumer = queue.consume(
      async (job) => {
        resolve(job.id);
        void consumer.stop();
      },
      { concurrency: 1, onAbandoned: async () => {} },
    );
  });
}

async function open(env: Record<string, string>): Promise<Infrastructure> {
  // Port 0: the embedded object store's fixed port would collide with other tests (and a running platform).
  const config: Config = loadConfig('embedded', { DATA_DIR: dataDir, OBJECT_STORE_PORT: '0', ...env });
  const infrastructure = await createInfrastructure(config, logger, { redisKeyPrefix: testRedis.prefix });
  opened.push(infrastructure);
  return infrastructure;
}

describe('createInfrastructure', () => {
  it('runs on in-memory ports and the file object store under <dataDir>/objects without Redis or S3 settings', async () => {
    const infrastructure = await open({});
    expect(infrastructure.bus).toBeInstanceOf(InMemoryEventBus);
    expect(infrastructure.objectStore).toBeInstanceOf(FileObjectStore);
    expect(Object.keys(infrastructure.readiness)).toEqual(['objectStore']);
    expect((await checkReadiness(infrastructure.readiness)).status).toBe('UP');
    for (const bucket of ['models', 'datasets', 'artifacts']) {
      expect(existsSync(path.join(dataDir, 'objects', bucket))).toBe(true);
    }
    await infrastructure.objectStore.putObject('artifacts', 'run-1/metrics.json', Buffer.from('{}'));
    expect(await infrastructure.objectStore.listKeys('artifacts', 'run-1/')).toEqual(['run-1/metrics.json']);
    // Its signed URLs are served on loopback, and close() stops that server.
    expect(infrastructure.objectStoreUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const link = await infrastructure.objectStore.presignedGetUrl('artifacts', 'run-1/metrics.json', 60);
    expect(await (await fetch(link)).text()).toBe('{}');
    await infrastructure.close();
    await expect(fetch(link)).rejects.toThrow();
  });

  it('serves the embedded object store on the configured host, port and public URL', async () => {
    const port = await findFreePort();
    const infrastructure = await open({
      OBJECT_STORE_PORT: String(port),
      OBJECT_STORE_PUBLIC_URL: 'https://objects.example.com',
    });
    expect(infrastructure.objectStoreUrl).toBe('https://objects.example.com');
    const link = new URL(await infrastructure.objectStore.presignedGetUrl('models', 'm.onnx', 60));
    expect(link.origin).toBe('https://objects.example.com');
    await infrastructure.objectStore.putObject('models', 'm.onnx', Buffer.from('onnx'));
    expect(await (await fetch(`http://127.0.0.1:${port}${link.pathname}${link.search}`)).text()).toBe('onnx');
  });

  it('hands out one in-process job queue per name without Redis, so producer and consumer share it', async () => {
    const infrastructure = await open({});
    const queue = infrastructure.jobQueue('training');
    expect(queue).toBeInstanceOf(InProcessJobQueue);
    expect(infrastructure.jobQueue('training')).toBe(queue);
    expect(infrastructure.jobQueue('other')).not.toBe(queue);

    const consumed = nextJobId(infrastructure.jobQueue('training'));
    await queue.enqueue('job-1');
    expect(await consumed).toBe('job-1');

    await infrastructure.close();
    await expect(queue.enqueue('job-2')).rejects.toThrow(/closed/);
    expect(() => infrastructure.jobQueue('training')).toThrow(/closed/);
  });

  it('uses Redis for the bus, cache and rate limiter when REDIS_URL is set, and checks it for readiness', async () => {
    const first = await open({ REDIS_URL: testRedis.url });
    const second = await open({ REDIS_URL: testRedis.url });
    expect(first.bus).toBeInstanceOf(RedisEventBus);
    const report = await checkReadiness(first.readiness);
    expect(report.status).toBe('UP');
    expect(Object.keys(report.checks).sort()).toEqual(['objectStore', 'redis']);

    const events = await second.bus.subscribe('between-processes');
    await first.bus.publish('between-processes', { hello: 'there' });
    expect((await events.next()).value).toEqual({ hello: 'there' });

    await first.cache.set('shared', 1, 60);
    expect(await second.cache.get('shared')).toBe(1);
    await first.rateLimiter.consume('caller', 1, 60);
    expect((await second.rateLimiter.consume('caller', 1, 60)).allowed).toBe(false);
    expect(await testRedis.redis.exists(`${testRedis.prefix}cache:shared`)).toBe(1);
  });

  it('uses BullMQ job queues under the key prefix when REDIS_URL is set', async () => {
    const producer = await open({ REDIS_URL: testRedis.url });
    const worker = await open({ REDIS_URL: testRedis.url });
    expect(producer.jobQueue('training')).toBeInstanceOf(BullMqJobQueue);
    expect(producer.jobQueue('training')).toBe(producer.jobQueue('training'));

    await producer.jobQueue('training').enqueue('job-1');
    expect(await testRedis.redis.exists(`${testRedis.prefix}queue:training:job-1`)).toBe(1);
    expect(await nextJobId(worker.jobQueue('training'))).toBe('job-1');
  });

  it('uses the configured S3 server, creating the buckets with the configured prefix', async () => {
    const s3Dir = await mkdtemp(path.join(tmpdir(), 'mlaas-infra-s3-'));
    const server = await startEmbeddedS3({ directory: s3Dir });
    const inspector = new MinioObjectStore({ ...server });
    try {
      const infrastructure = await open({
        S3_ENDPOINT: server.endPoint,
        S3_ACCESS_KEY: server.accessKey,
        S3_SECRET_KEY: server.secretKey,
        S3_BUCKET_PREFIX: 'acme-',
      });
      expect(existsSync(path.join(dataDir, 'objects'))).toBe(false);
      expect(infrastructure.objectStoreUrl).toBe(server.endPoint);
      await infrastructure.objectStore.putObject('models', 'm.onnx', Buffer.from('onnx'));
      expect(await inspector.statObject('acme-models', 'm.onnx')).toMatchObject({ size: 4 });
    } finally {
      await inspector.close();
      await server.close();
      await rm(s3Dir, { recursive: true, force: true });
    }
  });

  it('reports Redis DOWN, without hanging, when Redis cannot be reached', async () => {
    const infrastructure = await open({ REDIS_URL: 'redis://127.0.0.1:1' });
    // Its consumer must not keep close() (in afterEach) from returning either.
    infrastructure
      .jobQueue('training')
      .consume(async () => {}, { concurrency: 1, onAbandoned: async () => {} });
    const report = await checkReadiness(infrastructure.readiness);
    expect(report.checks.redis.status).toBe('DOWN');
    expect(report.checks.objectStore.status).toBe('UP');
  });

  it('closes everything it opened, so a process that calls close() exits on its own', async () => {
    const script = `
      const { createInfrastructure } = require('./lib/infrastructure-factory');
      const { loadConfig } = require('./lib/config');
      const { createLogger } = require('./lib/logger');
      (async () => {
        const infrastructure = await createInfrastructure(loadConfig('embedded'), createLogger('probe', 'silent'), {
          redisKeyPrefix: process.env.PREFIX,
        });
        const events = await infrastructure.bus.subscribe('topic');
        await infrastructure.bus.publish('topic', 1);
        await events.next();
        await infrastructure.objectStore.putObject('models', 'probe', Buffer.from('x'));
        // A blocking group read opens the stream's own connection, which close() must end too.
        await infrastructure.eventStream.createGroup('probe', 'group');
        await infrastructure.eventStream.readGroup('probe', { group: 'group', consumer: 'c', blockMs: 10 });
        const jobs = infrastructure.jobQueue('probe');
        await new Promise((resolve) => {
          jobs.consume(async () => resolve(), { concurrency: 1, onAbandoned: async () => {} });
          void jobs.enqueue('probe-job');
        });
        await infrastructure.close();
        console.log('closed');
      })();`;
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', '-e', script], {
      cwd: path.resolve(__dirname, '..', '..'),
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        OBJECT_STORE_PORT: '0',
        REDIS_URL: testRedis.url,
        PREFIX: `${testRedis.prefix}child:`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('exit', (c, s) => resolve([c, s])),
    );
    clearTimeout(killer);
    await deleteKeys(testRedis.redis, `${testRedis.prefix}child:*`);
    expect({ code, signal, output: output.trim() }).toEqual({ code: 0, signal: null, output: 'closed' });
  });
});

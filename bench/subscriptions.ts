import { signCaller, WEBSOCKET_BINDING } from '../lib/caller';
import { startProductionTopology, type ProductionTopology } from '../test/support/production-topology';
import type { ServiceProcess } from '../test/support/processes';
import { JobSubscribers, type SubscriberGroupOptions } from './job-subscribers';
import { cpuSeconds, INSPECTABLE, sampleMemory } from './service-usage';
import { printReport, type GroupResult } from './subscriptions-report';
import { prepareTraining, startTrainingJob } from './training-job-setup';

/**
 * 1,000 subscribers of one training job's `trainingJobUpdated`, through the gateway and then straight to the
 * registry subgraph: events delivered against expected, publish-to-receive latency, CPU per event, and what a
 * subscriber costs in memory. Production topology (a process per service, PostgreSQL, Redis, an S3 server,
 * one training worker). `npm run bench:subscriptions` (builds first).
 *
 * The two groups run one after the other, each on a job of its own, so that neither pays for the other's CPU on
 * this 2-core machine. Every subscriber is in place before its job starts: the job is queued while no worker
 * runs, and a worker is started once each subscriber has received the job's initial (QUEUED) state.
 */
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
/** The gateway's MAX_OPERATIONS_PER_CONNECTION defaults to 100; larger values raise it for the run. */
const PER_CONNECTION = Number(process.env.BENCH_SUBSCRIPTIONS_PER_CONNECTION ?? 100);
const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 40);
/**
 * Rows of the synthetic dataset: an epoch every 250–450 ms here. Delivering one epoch to 1,000 subscribers
 * takes about 270 ms of CPU (gateway, registry and clients together) on the core training leaves; epochs closer
 * than that pile up, and latency then measures the backlog (BENCH_ROWS=40000: ~120 ms epochs, seconds of it).
 */
const ROWS = Number(process.env.BENCH_ROWS ?? 120_000);
const CONNECTIONS = Math.ceil(SUBSCRIBERS / PER_CONNECTION);
const SETTLE_MS = 2_000;
const SUBSCRIBE_TIMEOUT_MS = 60_000;
const TRAINING_TIMEOUT_MS = 120_000;

interface Group {
  title: string;
  /** Where the subscribers connect, and with what. */
  connect: SubscriberGroupOptions;
  jobId: string;
  /** Services whose memory is sampled before the subscribers connect and once they are all subscribed. */
  measured: ServiceProcess[];
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runGroup(platform: ProductionTopology, group: Group): Promise<GroupResult> {
  const { measured } = group;
  const before = await Promise.all(measured.map((service) => sampleMemory(service)));
  let started = Date.now();
  const subscribers = await JobSubscribers.connect(group.connect);
  await subscribers.subscribe(group.jobId, SUBSCRIBERS, SUBSCRIBE_TIMEOUT_MS);
  const subscribeSeconds = (Date.now() - started) / 1000;
  await pause(SETTLE_MS);
  const after = await Promise.all(measured.map((service) => sampleMemory(service)));

  started = Date.now();
  const servicesCpu = measured.map((service) => cpuSeconds(service.child.pid!));
  const benchCpu = process.cpuUsage();
  const worker = await platform.startWorker();
  const allEnded = await subscribers.ended(TRAINING_TIMEOUT_MS);
  const stillOpen = subscribers.subscribers.filter((s) => !s.completed && !s.error).length;
  const trainingSeconds = (Date.now() - started) / 1000;
  const cpu: Record<string, number> = Object.fromEntries(
    measured.map((service, i) => [service.name, cpuSeconds(service.child.pid!) - servicesCpu[i]]),
  );
  const benchUsed = process.cpuUsage(benchCpu);
  cpu['bench clients'] = (benchUsed.user + benchUsed.system) / 1e6;
  cpu.worker = cpuSeconds(worker.child.pid!);
  await worker.stop();
  await subscribers.dispose();

  const everyEpoch = Array.from({ length: EPOCHS }, (_, i) => i + 1).join();
  const all = subscribers.subscribers;
  const failures = all.filter((s) => s.error).map((s) => s.error);
  if (!allEnded) failures.push(`${stillOpen} subscriptions still open after ${TRAINING_TIMEOUT_MS} ms`);
  const epochTimes = [...subscribers.epochTimes.entries()].sort(([a], [b]) => a - b).map(([, t]) => t);
  return {
    title: group.title,
    subscribers: SUBSCRIBERS,
    epochs: EPOCHS,
    subscribeSeconds,
    trainingSeconds,
    epochSpacingMs: (epochTimes[epochTimes.length - 1] - epochTimes[0]) / (epochTimes.length - 1),
    delivered: all.reduce((sum, s) => sum + s.epochs.length, 0),
    complete: all.filter(
      (s) =>
        s.completed &&
        s.epochs.join() === everyEpoch &&
        s.statuses[0] === 'QUEUED' &&
        s.statuses[1] === 'RUNNING' &&
        s.statuses[s.statuses.length - 1] === 'SUCCEEDED',
    ).length,
    failures,
    latencies: subscribers.latencies.sort((a, b) => a - b),
    firstLatencies: [...subscribers.firstReceived.values()].sort((a, b) => a - b),
    cpu,
    memory: Object.fromEntries(
      measured.map((service, i) => [service.name, { before: before[i], after: after[i] }]),
    ),
  };
}

async function main(): Promise<void> {
  // BENCH_PROFILE=gateway (or registry) also writes a CPU profile of that service into ./profiles.
  const profiled = process.env.BENCH_PROFILE;
  const nodeArgs: Record<string, string[]> = { gateway: [...INSPECTABLE], registry: [...INSPECTABLE] };
  if (profiled) nodeArgs[profiled] = [...(nodeArgs[profiled] ?? []), '--cpu-prof', '--cpu-prof-dir=profiles'];
  const platform = await startProductionTopology({
    nodeArgs,
    env: PER_CONNECTION > 100 ? { MAX_OPERATIONS_PER_CONNECTION: String(PER_CONNECTION) } : {},
  });
  try {
    const setup = await prepareTraining(platform.gatewayUrl, ROWS);
    const service = (name: string) => platform.processes.find((p) => p.name === name)!;
    console.log(
      `${SUBSCRIBERS} subscribers on ${CONNECTIONS} connection(s) per group, ${EPOCHS} epochs of logistic regression on ${ROWS} rows;\n` +
        'the groups run one after the other, each on its own job, so they do not share CPU',
    );
    const viaGateway = await runGroup(platform, {
      title: 'via gateway',
      connect: {
        url: platform.gatewayUrl,
        connections: CONNECTIONS,
        connectionParams: () => ({ authorization: `Bearer ${setup.token}` }),
      },
      jobId: await startTrainingJob(platform.gatewayUrl, setup, EPOCHS),
      measured: [service('gateway'), service('registry')],
    });
    const direct = await runGroup(platform, {
      title: 'direct to registry',
      connect: {
        url: platform.env.REGISTRY_URL,
        connections: CONNECTIONS,
        connectionParams: () =>
          signCaller(platform.env.INTERNAL_SECRET, setup.caller, {
            audience: 'registry',
            request: WEBSOCKET_BINDING,
          }),
      },
      jobId: await startTrainingJob(platform.gatewayUrl, setup, EPOCHS),
      measured: [service('registry')],
    });
    printReport([viaGateway, direct]);
    const expected = SUBSCRIBERS * EPOCHS;
    const incomplete = (r: GroupResult) =>
      r.delivered !== expected || r.complete !== SUBSCRIBERS || r.failures.length > 0;
    if ([viaGateway, direct].some(incomplete)) {
      console.error('\nnot every subscriber received every event');
      process.exitCode = 1;
    }
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

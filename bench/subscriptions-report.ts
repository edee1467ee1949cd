import type { MemorySample } from './service-usage';

/** What one group of subscribers measured. */
export interface GroupResult {
  title: string;
  subscribers: number;
  epochs: number;
  /** From opening the connections to every subscriber's first event. */
  subscribeSeconds: number;
  /** From starting the worker to every subscription's end. */
  trainingSeconds: number;
  /** Mean time between two epochs' `updatedAt`. */
  epochSpacingMs: number;
  /** Epoch events received, over all subscribers. */
  delivered: number;
  /** Subscribers that received QUEUED, RUNNING, every epoch in order, SUCCEEDED, and then the end. */
  complete: number;
  failures: unknown[];
  /** Publish-to-receive latencies (ms), sorted. */
  latencies: number[];
  /** The lowest latency of each published event, sorted. */
  firstLatencies: number[];
  /** CPU seconds used while the job ran and its events were delivered, by process. */
  cpu: Record<string, number>;
  /** By service: before the subscribers connected, and once all were subscribed (both after a full GC). */
  memory: Record<string, { before: MemorySample; after: MemorySample }>;
}

export const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;

const ms = (value: number) => `${value.toFixed(1)} ms`;

/** A row of the report: its label, and how to read its figure from a group. */
type Row = [string, (result: GroupResult) => string];

const perEvent = (name: string) => (r: GroupResult) =>
  r.cpu[name] === undefined ? '-' : `${((r.cpu[name] / r.latencies.length) * 1e6).toFixed(0)} µs`;

const perSubscriber = (name: string) => (r: GroupResult) => {
  const memory = r.memory[name];
  if (!memory) return '-';
  const kib = (field: keyof MemorySample) =>
    ((memory.after[field] - memory.before[field]) / r.subscribers / 1024).toFixed(1);
  return `${kib('heapUsedBytes')} / ${kib('rssBytes')} KiB`;
};

const rows: Row[] = [
  [
    'epoch events delivered',
    (r) => {
      const expected = r.subscribers * r.epochs;
      return `${r.delivered}/${expected} (${((100 * r.delivered) / expected).toFixed(2)} %)`;
    },
  ],
  ['subscribers with every event, completed', (r) => `${r.complete}/${r.subscribers}`],
  ['time to connect and subscribe', (r) => `${r.subscribeSeconds.toFixed(1)} s`],
  ['training and delivery', (r) => `${r.trainingSeconds.toFixed(1)} s`],
  ['an epoch every', (r) => ms(r.epochSpacingMs)],
  ['publish-to-receive p50', (r) => ms(percentile(r.latencies, 50))],
  ['publish-to-receive p99', (r) => ms(percentile(r.latencies, 99))],
  ['publish-to-receive max', (r) => ms(r.latencies[r.latencies.length - 1])],
  ['first receiver of an event, p50', (r) => ms(percentile(r.firstLatencies, 50))],
  ['CPU per delivered event: gateway', perEvent('gateway')],
  ['CPU per delivered event: registry', perEvent('registry')],
  ['CPU per delivered event: bench clients', perEvent('bench clients')],
  ['CPU of the training worker', (r) => `${r.cpu.worker.toFixed(1)} s`],
  ['gateway per subscriber: heap / RSS', perSubscriber('gateway')],
  ['registry per subscriber: heap / RSS', perSubscriber('registry')],
];

/** Prints the groups side by side; the first is the gateway's, the second the direct one. */
export function printReport([viaGateway, direct]: [GroupResult, GroupResult]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  const line = (label: string, figures: string[]) =>
    console.log(`${label.padEnd(width)} ${figures.map((f) => f.padStart(24)).join('')}`);
  console.log();
  line('', [viaGateway.title, direct.title]);
  for (const [label, figure] of rows) line(label, [figure(viaGateway), figure(direct)]);
  const ratio = (p: number) =>
    (percentile(viaGateway.latencies, p) / percentile(direct.latencies, p)).toFixed(2);
  const { after } = viaGateway.memory.gateway;
  console.log(`\nlatency ratio gateway/direct: p50 ${ratio(50)}, p99 ${ratio(99)}`);
  console.log(
    `gateway with ${viaGateway.subscribers} subscribers: heap ${(after.heapUsedBytes / 2 ** 20).toFixed(1)} MiB after GC, RSS ${(after.rssBytes / 2 ** 20).toFixed(0)} MiB`,
  );
  for (const group of [viaGateway, direct]) {
    for (const failure of group.failures.slice(0, 3))
      console.log(`${group.title}: ${JSON.stringify(failure)}`);
  }
}

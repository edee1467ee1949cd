import type { Measurement } from './predict-load';

export interface CellResult {
  workload: string;
  target: string;
  result: Measurement;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export const throughput = (m: Measurement) => m.ok / m.seconds;

export function p99(m: Measurement): number {
  return percentile(
    [...m.latencies].sort((a, b) => a - b),
    99,
  );
}

const ms = (value: number) => value.toFixed(1).padStart(7);

/** One line per cell: req/s, p50/p95/p99, failures, cache hits and the services' CPU per prediction. */
export function printTable(cells: CellResult[]): void {
  console.log(
    `${'workload'.padEnd(14)} ${'target'.padEnd(18)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'failed'.padStart(6)} ${'cached'.padStart(6)}  CPU ms/prediction`,
  );
  for (const { workload, target, result } of cells) {
    const sorted = [...result.latencies].sort((a, b) => a - b);
    const total = result.ok + result.failures;
    const cached =
      total === 0 || result.cacheHits === null ? '-' : `${Math.round((100 * result.cacheHits) / total)}%`;
    const cpu = Object.entries(result.cpu)
      .map(([name, seconds]) => `${name} ${((1000 * seconds) / Math.max(1, result.ok)).toFixed(2)}`)
      .join(', ');
    console.log(
      `${workload.padEnd(14)} ${target.padEnd(18)} ${throughput(result).toFixed(0).padStart(7)} ${ms(percentile(sorted, 50))} ${ms(percentile(sorted, 95))} ${ms(percentile(sorted, 99))} ${String(result.failures).padStart(6)} ${cached.padStart(6)}  ${cpu}`,
    );
  }
  for (const { workload, target, result } of cells)
    if (result.firstFailure) console.log(`  ${workload} ${target}, first failure: ${result.firstFailure}`);
}

interface Ratio {
  title: string;
  value: (find: (workload: string, target: string) => Measurement | undefined) => number | undefined;
  /** A floor (≥) or a ceiling (≤); none for figures given for information. */
  target?: { atLeast?: number; atMost?: number };
}

const ratioOf =
  (measureOf: (m: Measurement) => number, workload: string, a: string, b: string) =>
  (find: (workload: string, target: string) => Measurement | undefined) => {
    const [x, y] = [find(workload, a), find(workload, b)];
    return x && y ? measureOf(x) / measureOf(y) : undefined;
  };

const RATIOS: Ratio[] = [
  {
    title: 'subgraph / bare, req/s (distinct rows)',
    value: ratioOf(throughput, 'distinct', 'subgraph', 'bare'),
    target: { atLeast: 0.8 },
  },
  {
    title: 'gateway / bare, req/s (distinct rows)',
    value: ratioOf(throughput, 'distinct', 'gateway', 'bare'),
    target: { atLeast: 0.5 },
  },
  {
    title: 'batching on / off, req/s',
    value: ratioOf(throughput, 'batching', 'subgraph batched', 'subgraph unbatched'),
    target: { atLeast: 2 },
  },
  {
    title: 'batching on / off, p99',
    value: ratioOf(p99, 'batching', 'subgraph batched', 'subgraph unbatched'),
    target: { atMost: 1.5 },
  },
  {
    title: 'heavy model: batching on/off throughput',
    value: ratioOf(throughput, 'batching-heavy', 'subgraph batched', 'subgraph unbatched'),
    target: { atLeast: 2 },
  },
  {
    title: 'heavy model: p99 on/off',
    value: ratioOf(p99, 'batching-heavy', 'subgraph batched', 'subgraph unbatched'),
    target: { atMost: 1.5 },
  },
  {
    title: 'heavy model: subgraph batched / bare, req/s',
    value: ratioOf(throughput, 'batching-heavy', 'subgraph batched', 'bare'),
  },
  { title: 'OIP / bare, req/s (distinct rows)', value: ratioOf(throughput, 'distinct', 'oip', 'bare') },
  {
    title: 'subgraph / bare, req/s (repeated rows)',
    value: ratioOf(throughput, 'repeated', 'subgraph', 'bare'),
  },
  {
    title: 'gateway / bare, req/s (repeated rows)',
    value: ratioOf(throughput, 'repeated', 'gateway', 'bare'),
  },
];

/** The targets, each marked met or not; ratios whose cells did not run are left out. */
export function printRatios(cells: CellResult[]): void {
  const find = (workload: string, target: string) =>
    cells.find((cell) => cell.workload === workload && cell.target === target)?.result;
  for (const ratio of RATIOS) {
    const value = ratio.value(find);
    if (value === undefined || !Number.isFinite(value)) continue;
    const { atLeast, atMost } = ratio.target ?? {};
    let verdict = '';
    if (atLeast !== undefined) verdict = `target ≥ ${atLeast}: ${value >= atLeast ? 'met' : 'NOT met'}`;
    if (atMost !== undefined) verdict = `target ≤ ${atMost}: ${value <= atMost ? 'met' : 'NOT met'}`;
    console.log(`${ratio.title.padEnd(44)} ${value.toFixed(2).padStart(6)}   ${verdict}`);
  }
}

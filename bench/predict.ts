import os from 'node:os';
import { parseArgs } from 'node:util';
import { startProductionTopology, type ProductionTopology } from '../test/support/production-topology';
import { postgresCpu, processCpu, type CpuSource } from './predict-cpu';
import { measure, merge, type LoadOptions, type Measurement } from './predict-load';
import { printRatios, printTable, throughput } from './predict-report';
import { distinctRows, repeatedRows, type RowSource } from './predict-rows';
import {
  deployBenchModel,
  startBareServer,
  startInferenceReplica,
  type DeployedModel,
} from './predict-setup';
import { bareTarget, gatewayTarget, oipTarget, probe, subgraphTarget, type Target } from './predict-targets';

/**
 * Single-row predictions of one model (scikit-learn's random forest on iris), same rows everywhere, against:
 * a bare node:http + onnxruntime-node server (the limit), the inference subgraph directly (gateway-signed caller),
 * the gateway (Bearer token), and Open Inference Protocol REST on the gateway. Workloads: distinct rows (no
 * cache can answer), repeated rows (the held-out rows over and over), and micro-batching on against off
 * (an inference replica with BATCH_MAX_SIZE=1). Production topology: every service its own `node dist/...`
 * process on PostgreSQL, Redis and an S3 server. Rounds alternate the order of the cells, and each cell's rounds
 * are pooled, so that drift in the machine's load falls on every cell alike.
 *
 *   npm run bench:predict -- [--duration 10] [--warmup 3] [--connections 50] [--rounds 2]
 *                            [--only distinct,repeated,batching,bare,subgraph,gateway,oip] [--profile inference]
 *
 * `--only` keeps the cells of the named workloads and targets (batching counts as target subgraph);
 * `--profile <service>` (gateway, inference, bare, unbatched, …) writes its CPU profile to ./profiles at the end.
 */
const WORKLOADS = ['distinct', 'repeated', 'batching'] as const;
const TARGETS = ['bare', 'subgraph', 'gateway', 'oip'] as const;

interface Cell {
  workload: (typeof WORKLOADS)[number];
  target: string;
  kind: (typeof TARGETS)[number];
  make: () => Target;
  rows: RowSource;
  /** Whose CPU the cell reports. */
  cpu: () => Promise<CpuSource[]>;
}

function options() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '2' },
      only: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const only = values.only?.split(',').map((token) => token.trim()) ?? [];
  const known: readonly string[] = [...WORKLOADS, ...TARGETS];
  const unknown = only.filter((token) => !known.includes(token));
  if (unknown.length) throw new Error(`--only takes ${known.join(', ')}; not ${unknown.join(', ')}`);
  const number = (name: string, value: string, min: number) => {
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return parsed;
  };
  const load: LoadOptions = {
    durationSeconds: number('duration', values.duration, 1),
    warmupSeconds: number('warmup', values.warmup, 0),
    connections: number('connections', values.connections, 1),
  };
  return { load, rounds: number('rounds', values.rounds, 1), only, profile: values.profile };
}

function selected(cell: Pick<Cell, 'workload' | 'kind'>, only: string[]): boolean {
  const workloads = only.filter((token) => (WORKLOADS as readonly string[]).includes(token));
  const targets = only.filter((token) => (TARGETS as readonly string[]).includes(token));
  return (
    (workloads.length === 0 || workloads.includes(cell.workload)) &&
    (targets.length === 0 || targets.includes(cell.kind))
  );
}

const find = (platform: ProductionTopology, name: string) => platform.processes.find((p) => p.name === name)!;

/** Every cell, before `--only`; the bare server and the unbatched replica are started only if a cell needs them. */
async function cellsFor(
  platform: ProductionTopology,
  model: DeployedModel,
  only: string[],
  profile?: string,
) {
  const { env, gatewayUrl } = platform;
  const profiled = (name: string) => (profile === name ? ['--cpu-prof', '--cpu-prof-dir=profiles'] : []);
  const needs = (workload: Cell['workload'], kind: Cell['kind']) => selected({ workload, kind }, only);
  const bare = ['distinct', 'repeated'].some((w) => needs(w as Cell['workload'], 'bare'))
    ? await startBareServer(model.fixture, profiled('bare'))
    : undefined;
  // Stopped with the services.
  if (bare) platform.processes.push(bare.process);
  const unbatched = needs('batching', 'subgraph')
    ? await startInferenceReplica(platform, 'unbatched', { BATCH_MAX_SIZE: '1' }, profiled('unbatched'))
    : undefined;
  // What a prediction costs, process by process; the services' PostgreSQL backends too.
  const cpuOf =
    (...names: string[]) =>
    async () => [
      ...names.map((name) => processCpu(find(platform, name))),
      await postgresCpu(env.DATABASE_URL),
    ];
  const inference = cpuOf('inference');
  const viaGateway = cpuOf('gateway', 'inference');
  const { caller, modelId, token, fixture, modelName } = model;
  const targets: Omit<Cell, 'workload' | 'rows'>[] = [
    {
      kind: 'bare',
      target: 'bare',
      make: () => bareTarget(bare!.url),
      cpu: async () => [processCpu(bare!.process)],
    },
    {
      kind: 'subgraph',
      target: 'subgraph',
      make: () => subgraphTarget(env.INFERENCE_URL, env.INTERNAL_SECRET, caller, modelId),
      cpu: inference,
    },
    {
      kind: 'gateway',
      target: 'gateway',
      make: () => gatewayTarget(gatewayUrl, token, modelId),
      cpu: viaGateway,
    },
    {
      kind: 'oip',
      target: 'oip',
      make: () => oipTarget(gatewayUrl, token, fixture, modelName),
      cpu: viaGateway,
    },
  ];
  const distinct = distinctRows(fixture.rows);
  const cells: Cell[] = [
    ...targets.map((t) => ({ ...t, workload: 'distinct' as const, rows: distinct })),
    ...targets.map((t) => ({ ...t, workload: 'repeated' as const, rows: repeatedRows(fixture.rows) })),
    { ...targets[1], workload: 'batching', target: 'subgraph batched', rows: distinct },
    {
      ...targets[1],
      workload: 'batching',
      target: 'subgraph unbatched',
      rows: distinct,
      make: () => subgraphTarget(unbatched!.url, env.INTERNAL_SECRET, caller, modelId),
      cpu: cpuOf('unbatched'),
    },
  ];
  return cells.filter((cell) => selected(cell, only));
}

/**
 * One request per target before the load: every target must give scikit-learn's label for the first held-out
 * row (so all serve the same model; this also loads it on the unbatched replica). OIP cells are dropped when the
 * gateway has no such route yet.
 */
async function checkTargets(cells: Cell[], model: DeployedModel): Promise<Cell[]> {
  const row = model.fixture.rows[0].map(Number);
  const expected = model.fixture.label![0];
  const kept: Cell[] = [];
  const checked = new Map<string, boolean>();
  for (const cell of cells) {
    const key = `${cell.kind} ${cell.target}`;
    if (!checked.has(key)) {
      const { status, body } = await probe(cell.make(), row);
      if (cell.kind === 'oip' && status !== 200) {
        console.log(
          `OIP REST: not available (${status}${status === 404 ? '' : `: ${body.slice(0, 200)}`}), skipped`,
        );
        checked.set(key, false);
      } else {
        if (status !== 200 || (cell.kind !== 'oip' && !body.includes(`"label":"${expected}"`)))
          throw new Error(`${cell.target} answered ${status} ${body.slice(0, 300)}, not label ${expected}`);
        checked.set(key, true);
      }
    }
    if (checked.get(key)) kept.push(cell);
  }
  return kept;
}

async function main(): Promise<void> {
  const { load, rounds, only, profile } = options();
  const platform = await startProductionTopology({
    // A run outlasts the default 15-minute access token.
    env: { ACCESS_TOKEN_TTL_SECONDS: '86400' },
    nodeArgs: profile ? { [profile]: ['--cpu-prof', '--cpu-prof-dir=profiles'] } : {},
  });
  try {
    const model = await deployBenchModel(platform.gatewayUrl);
    const cells = await checkTargets(await cellsFor(platform, model, only, profile), model);
    console.log(
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${model.fixture.name} (${model.fixture.file}), ${load.connections} connections, ` +
        `${load.warmupSeconds} s warm-up + ${load.durationSeconds} s per cell, ${rounds} round(s)\n`,
    );
    const runs = new Map<Cell, Measurement[]>(cells.map((cell) => [cell, []]));
    for (let round = 0; round < rounds; round++) {
      for (const cell of round % 2 === 0 ? cells : [...cells].reverse()) {
        const result = await measure(cell.make(), cell.rows, load, cell.cpu);
        runs.get(cell)!.push(result);
        console.log(
          `round ${round + 1}: ${cell.workload} ${cell.target}: ${throughput(result).toFixed(0)} req/s` +
            (result.failures ? `, ${result.failures} failed` : ''),
        );
      }
    }
    const results = cells.map((cell) => ({ ...cell, result: merge(runs.get(cell)!) }));
    console.log('');
    printTable(results);
    console.log('');
    printRatios(results);
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import os from 'node:os';
import { parseArgs } from 'node:util';
import { startProductionTopology, type ProductionTopology } from '../test/support/production-topology';
import type { ServiceProcess } from '../test/support/processes';
import { postgresCpu, processCpu, type CpuSource } from './predict-cpu';
import { measure, merge, type LoadOptions, type Measurement } from './predict-load';
import { printRatios, printTable, throughput } from './predict-report';
import { heavyMlp, irisForest } from './predict-models';
import type { RowSource } from './predict-rows';
import {
  deployBenchModel,
  registerBenchUser,
  startBareServer,
  startInferenceReplica,
  type BenchUser,
  type DeployedModel,
} from './predict-setup';
import { bareTarget, gatewayTarget, oipTarget, probe, subgraphTarget, type Target } from './predict-targets';

/**
 * Single-row predictions of scikit-learn's random forest on iris, same rows everywhere, against:
 * a bare node:http + onnxruntime-node server (the limit), the inference subgraph directly (gateway-signed caller),
 * the gateway (Bearer token), and Open Inference Protocol REST on the gateway. Workloads: distinct rows (no
 * cache can answer), repeated rows (the held-out rows over and over), and micro-batching on against off
 * (an inference replica with BATCH_MAX_SIZE=1). The forest runs in ~15 µs, so it measures the platform's own cost per
 * request, of which micro-batching shares nothing; `batching-heavy` compares micro-batching on and off (and the bare
 * server) on an MLP whose run dominates a request, as a realistic neural net's does (bench/predict-models.ts).
 * Production topology: every service its own `node dist/...`
 * process on PostgreSQL, Redis and an S3 server. Rounds alternate the order of the cells, and each cell's rounds
 * are pooled, so that drift in the machine's load falls on every cell alike.
 *
 *   npm run bench:predict -- [--duration 10] [--warmup 3] [--connections 50] [--rounds 2]
 *                            [--only distinct,repeated,batching,batching-heavy,bare,subgraph,gateway,oip] [--profile inference]
 *
 * `--only` keeps the cells of the named workloads and targets (batching counts as target subgraph);
 * `--profile <service>` (gateway, inference, bare, bare-heavy, unbatched, …) writes its CPU profile to ./profiles at the end.
 */
const WORKLOADS = ['distinct', 'repeated', 'batching', 'batching-heavy'] as const;
const TARGETS = ['bare', 'subgraph', 'gateway', 'oip'] as const;

interface Cell {
  workload: (typeof WORKLOADS)[number];
  target: string;
  kind: (typeof TARGETS)[number];
  model: DeployedModel;
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

type Service = { process: ServiceProcess; url: string };
type CellTarget = Omit<Cell, 'workload' | 'rows'>;

/** What a prediction costs, process by process; the services' PostgreSQL backends too. */
const cpuOf =
  (platform: ProductionTopology, ...names: string[]) =>
  async () => [
    ...names.map((name) => processCpu(find(platform, name))),
    await postgresCpu(platform.env.DATABASE_URL),
  ];

/** The model's targets: the bare server on its file (when started), the subgraph, the gateway and OIP. */
function targetsOf(platform: ProductionTopology, model: DeployedModel, bare?: Service): CellTarget[] {
  const { env, gatewayUrl } = platform;
  const viaGateway = cpuOf(platform, 'gateway', 'inference');
  const { caller, modelId, token } = model;
  return [
    ...(bare
      ? [
          {
            kind: 'bare' as const,
            target: 'bare',
            model,
            make: () => bareTarget(bare.url),
            cpu: async () => [processCpu(bare.process)],
          },
        ]
      : []),
    {
      kind: 'subgraph',
      target: 'subgraph',
      model,
      make: () => subgraphTarget(env.INFERENCE_URL, env.INTERNAL_SECRET, caller, modelId),
      cpu: cpuOf(platform, 'inference'),
    },
    {
      kind: 'gateway',
      target: 'gateway',
      model,
      make: () => gatewayTarget(gatewayUrl, token, modelId),
      cpu: viaGateway,
    },
    {
      kind: 'oip',
      target: 'oip',
      model,
      make: () => oipTarget(gatewayUrl, token, model.model, model.model.name),
      cpu: viaGateway,
    },
  ];
}

/** Micro-batching on (the topology's replica) against off (the replica with BATCH_MAX_SIZE=1), same rows. */
function batchingCells(
  workload: Cell['workload'],
  platform: ProductionTopology,
  subgraph: CellTarget,
  unbatched: Service | undefined,
  rows: RowSource,
): Cell[] {
  const { caller, modelId } = subgraph.model;
  return [
    { ...subgraph, workload, target: 'subgraph batched', rows },
    {
      ...subgraph,
      workload,
      target: 'subgraph unbatched',
      rows,
      make: () => subgraphTarget(unbatched!.url, platform.env.INTERNAL_SECRET, caller, modelId),
      cpu: cpuOf(platform, 'unbatched'),
    },
  ];
}

/**
 * Every selected cell. A model is deployed, and the bare servers and the unbatched replica are started, only if a
 * selected cell needs them.
 */
async function cellsFor(platform: ProductionTopology, user: BenchUser, only: string[], profile?: string) {
  const profiled = (name: string) => (profile === name ? ['--cpu-prof', '--cpu-prof-dir=profiles'] : []);
  const needs = (workloads: Cell['workload'][], kinds: readonly Cell['kind'][] = TARGETS) =>
    workloads.some((workload) => kinds.some((kind) => selected({ workload, kind }, only)));
  const bareServer = async (name: string, model: DeployedModel) => {
    const bare = await startBareServer(name, model.model, profiled(name));
    // Stopped with the services.
    platform.processes.push(bare.process);
    return bare;
  };
  const unbatched = needs(['batching', 'batching-heavy'], ['subgraph'])
    ? await startInferenceReplica(platform, 'unbatched', { BATCH_MAX_SIZE: '1' }, profiled('unbatched'))
    : undefined;
  const subgraphOf = (targets: CellTarget[]) => targets.find((t) => t.kind === 'subgraph')!;
  const cells: Cell[] = [];
  if (needs(['distinct', 'repeated', 'batching'])) {
    const iris = await deployBenchModel(platform.gatewayUrl, user, irisForest());
    const bare = needs(['distinct', 'repeated'], ['bare']) ? await bareServer('bare', iris) : undefined;
    const targets = targetsOf(platform, iris, bare);
    const { distinct, repeated } = iris.model;
    cells.push(
      ...targets.map((t) => ({ ...t, workload: 'distinct' as const, rows: distinct })),
      ...targets.map((t) => ({ ...t, workload: 'repeated' as const, rows: repeated! })),
      ...batchingCells('batching', platform, subgraphOf(targets), unbatched, distinct),
    );
  }
  if (needs(['batching-heavy'])) {
    const heavy = await deployBenchModel(platform.gatewayUrl, user, await heavyMlp());
    const bare = needs(['batching-heavy'], ['bare']) ? await bareServer('bare-heavy', heavy) : undefined;
    const targets = targetsOf(platform, heavy, bare);
    const rows = heavy.model.distinct;
    cells.push(
      ...targets
        .filter((t) => t.kind === 'bare')
        .map((t) => ({ ...t, workload: 'batching-heavy' as const, rows })),
      ...batchingCells('batching-heavy', platform, subgraphOf(targets), unbatched, rows),
    );
  }
  return cells.filter((cell) => selected(cell, only));
}

/**
 * One request per model and target before the load: every target must give the model's label for its check row
 * (so all serve the same model; this also loads it on the unbatched replica). OIP cells are dropped when the
 * gateway has no such route yet.
 */
async function checkTargets(cells: Cell[]): Promise<Cell[]> {
  const kept: Cell[] = [];
  const checked = new Map<string, boolean>();
  for (const cell of cells) {
    const { row, label: expected } = cell.model.model.check;
    const key = `${cell.model.modelId} ${cell.kind} ${cell.target}`;
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
    const user = await registerBenchUser(platform.gatewayUrl);
    const cells = await checkTargets(await cellsFor(platform, user, only, profile));
    const models = [...new Set(cells.map((cell) => cell.model.model.description))];
    console.log(
      `${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; ${models.join(', ')}; ${load.connections} connections, ` +
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

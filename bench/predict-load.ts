import autocannon from 'autocannon';
import type { RowSource } from './predict-rows';
import type { Target } from './predict-targets';
import type { CpuSource } from './predict-cpu';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
}

/** One measured run of a cell; rounds of the same cell are merged (see `merge`). */
export interface Measurement {
  /** Answers that were predictions. */
  ok: number;
  failures: number;
  firstFailure: string | null;
  /** null when the target's answers do not say (the bare server, OIP). */
  cacheHits: number | null;
  seconds: number;
  /** Response times of the predictions, in ms. */
  latencies: number[];
  /** CPU seconds each serving process (and the database server) spent during the run. */
  cpu: Record<string, number>;
}

interface Counters {
  ok: number;
  failures: number;
  firstFailure: string | null;
  cacheHits: number | null;
}

/**
 * Keep-alive connections (autocannon, as bench/gateway.ts), each sending a new row as soon as its last answer
 * arrives. Every answer is read: GraphQL reports a failed prediction with status 200, so a prediction's response
 * time is kept only once its body has been read as one (autocannon's own percentiles have no p95 anyway).
 */
function load(
  target: Target,
  rows: RowSource,
  connections: number,
  seconds: number,
  counters: Counters,
  latencies: number[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    let answered = true;
    const instance = autocannon(
      {
        url: target.url,
        connections,
        duration: seconds,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const row = rows();
              return { ...request, headers: target.headers(row), body: target.body(row) };
            },
            onResponse: (status, body) => {
              const answer = target.read(status, body);
              answered = answer.ok;
              if (answer.ok) counters.ok++;
              else {
                counters.failures++;
                counters.firstFailure ??= `${status} ${body.slice(0, 300)}`;
              }
              if (answer.cacheHit !== undefined)
                counters.cacheHits = (counters.cacheHits ?? 0) + (answer.cacheHit ? 1 : 0);
            },
          },
        ],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error) return reject(error as Error);
        // Timeouts and broken connections never reach onResponse.
        counters.failures += result.errors;
        if (result.errors) counters.firstFailure ??= `${result.errors} errors (${result.timeouts} timeouts)`;
        resolve();
      },
    );
    // autocannon emits 'response' (with the time) right after handing the body to onResponse.
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (answered) latencies.push(responseTime);
    });
  });
}

/** A warm-up run whose figures are dropped, then the measured run, with the CPU the services used during it. */
export async function measure(
  target: Target,
  rows: RowSource,
  options: LoadOptions,
  /** Read once the warm-up is over (PostgreSQL's backends are those of warm pools then). */
  cpuSources: () => Promise<CpuSource[]>,
): Promise<Measurement> {
  const { connections, warmupSeconds, durationSeconds } = options;
  if (warmupSeconds > 0) await load(target, rows, connections, warmupSeconds, newCounters(), []);

  const counters = newCounters();
  const latencies: number[] = [];
  const sources = await cpuSources();
  const cpuBefore = sources.map((source) => source.seconds());
  const started = performance.now();
  await load(target, rows, connections, durationSeconds, counters, latencies);
  const seconds = (performance.now() - started) / 1000;
  const cpu = Object.fromEntries(sources.map((source, i) => [source.name, source.seconds() - cpuBefore[i]]));
  return { ...counters, seconds, latencies, cpu };
}

const newCounters = (): Counters => ({ ok: 0, failures: 0, firstFailure: null, cacheHits: null });

/** Rounds of one cell as one longer run: requests and seconds add up, response times pool. */
export function merge(runs: Measurement[]): Measurement {
  const cpu: Record<string, number> = {};
  for (const run of runs) for (const [name, s] of Object.entries(run.cpu)) cpu[name] = (cpu[name] ?? 0) + s;
  return {
    ok: runs.reduce((sum, run) => sum + run.ok, 0),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
    firstFailure: runs.find((run) => run.firstFailure)?.firstFailure ?? null,
    cacheHits: runs.some((run) => run.cacheHits !== null)
      ? runs.reduce((sum, run) => sum + (run.cacheHits ?? 0), 0)
      : null,
    seconds: runs.reduce((sum, run) => sum + run.seconds, 0),
    latencies: runs.flatMap((run) => run.latencies),
    cpu,
  };
}

import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { getHeapStatistics } from 'node:v8';
import type { AuthenticatedCaller } from '../lib/caller';
import { profileCsv } from '../subgraphs/registry/dataset/csv-profiler';
import { seededRandom } from '../subgraphs/registry/dataset/reservoir-sample';
import { registryModule } from '../subgraphs/registry/module';
import { member, startSubgraphHarness } from '../test/support/harness/subgraph';

/**
 * Dataset profiling throughput and memory: generates a CSV of BENCH_DATASET_MB (default 200) MiB — 20 numeric
 * columns (15 decimals, 5 small integers, 1% missing) and 2 categorical (12 values; ~5,000 values) — streams it
 * to the registry's object store through a presigned PUT, then times `completeDatasetUpload` through the registry
 * subgraph over HTTP (object read + profiling + the row update), sampling this process's memory every 10 ms: the
 * subgraph, its embedded object store and the profiler all run here. Then profiles the local file alone.
 *   npx tsx bench/dataset-profiling.ts          (PostgreSQL of the development machine)
 *   BENCH_DIALECT=sqlite npx tsx bench/dataset-profiling.ts
 *   NODE_OPTIONS=--max-old-space-size=96 npx tsx bench/dataset-profiling.ts   (bounded-memory proof)
 */
const TARGET_BYTES = Number(process.env.BENCH_DATASET_MB ?? 200) * 1024 * 1024;
const DIALECT = process.env.BENCH_DIALECT === 'sqlite' ? 'sqlite' : 'postgresql';
const MiB = 1024 * 1024;

async function writeCsv(file: string): Promise<{ bytes: number; rows: number }> {
  const random = seededRandom('bench');
  const out = createWriteStream(file);
  const header = [
    ...Array.from({ length: 15 }, (_, i) => `x${i}`),
    ...Array.from({ length: 5 }, (_, i) => `n${i}`),
    'segment',
    'customer',
  ];
  const segments = Array.from({ length: 12 }, (_, i) => `segment-${String.fromCharCode(97 + i)}`);
  let bytes = 0;
  let rows = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${header.join(',')}\n`);
  while (bytes < TARGET_BYTES) {
    const lines: string[] = [];
    for (let r = 0; r < 1000; r++) {
      const fields: string[] = [];
      for (let i = 0; i < 15; i++) {
        // Roughly normal (sum of uniforms), centred on i.
        const value = i + (random() + random() + random() - 1.5) * 10;
        fields.push(random() < 0.01 ? '' : value.toFixed(4));
      }
      for (let i = 0; i < 5; i++) fields.push(String(Math.floor(random() * 100)));
      fields.push(segments[Math.floor(random() * segments.length)]);
      fields.push(`"customer ${Math.floor(random() * 5000)}"`);
      lines.push(fields.join(','));
    }
    rows += lines.length;
    await write(`${lines.join('\n')}\n`);
  }
  out.end();
  await once(out, 'finish');
  return { bytes, rows };
}

/** PUTs the file to a presigned URL as a stream, as `curl -T` does. */
async function upload(url: string, file: string): Promise<void> {
  const request = http.request(url, {
    method: 'PUT',
    headers: { 'content-length': statSync(file).size, 'content-type': 'text/csv' },
  });
  const response = once(request, 'response') as Promise<[http.IncomingMessage]>;
  await pipeline(createReadStream(file), request);
  const [answer] = await response;
  answer.resume();
  if (answer.statusCode !== 200) throw new Error(`upload answered ${answer.statusCode}`);
}

/** Peak memory of this process while `work` runs, sampled every 10 ms. */
async function measure<T>(work: () => Promise<T>) {
  const peak = { rss: 0, heapUsed: 0, external: 0 };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    peak.external = Math.max(peak.external, now.external);
  };
  global.gc?.();
  const before = process.memoryUsage();
  const timer = setInterval(sample, 10);
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const result = await work();
    sample();
    const used = process.cpuUsage(cpu);
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      before,
      peak,
    };
  } finally {
    clearInterval(timer);
  }
}

const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;

function report(title: string, bytes: number, m: Awaited<ReturnType<typeof measure>>) {
  console.log(`\n${title}`);
  console.log(
    `  ${m.seconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU: ${(bytes / MiB / m.seconds).toFixed(1)} MiB/s` +
      ` (${(bytes / MiB / m.cpuSeconds).toFixed(1)} MiB per CPU second)`,
  );
  console.log(
    `  memory before: rss ${mib(m.before.rss)}, heap ${mib(m.before.heapUsed)}; peak during: rss ${mib(m.peak.rss)},` +
      ` heap ${mib(m.peak.heapUsed)}, external ${mib(m.peak.external)}`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mlaas-bench-dataset-'));
  const file = path.join(dir, 'data.csv');
  const registry = await startSubgraphHarness(registryModule, { dialect: DIALECT });
  // The figures depend on what else the machine runs.
  console.log(
    `${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    const generated = await measure(() => writeCsv(file));
    const { bytes, rows } = generated.result;
    console.log(
      `generated ${mib(bytes)} (${bytes} bytes), ${rows} rows x 22 columns in ${generated.seconds.toFixed(1)} s`,
    );
    const owner: AuthenticatedCaller = member('OWNER');
    const created = await registry.call<{
      createDataset: { uploadUrl: string; dataset: { id: string } };
    }>(owner, `mutation { createDataset(input: { name: "bench" }) { uploadUrl dataset { id } } }`);
    if (created.errors) throw new Error(JSON.stringify(created.errors));
    const { uploadUrl, dataset } = created.data!.createDataset;
    const uploaded = await measure(() => upload(uploadUrl, file));
    console.log(`uploaded through the presigned URL in ${uploaded.seconds.toFixed(1)} s`);

    const completed = await measure(() =>
      registry.call<{ completeDatasetUpload: { status: string; rowCount: number; columns: unknown[] } }>(
        owner,
        `mutation ($id: ID!) { completeDatasetUpload(datasetId: $id) {
          status rowCount columns { name type missingCount distinctCount min max mean } } }`,
        { id: dataset.id },
      ),
    );
    const answer = completed.result;
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    const profile = answer.data!.completeDatasetUpload;
    if (profile.rowCount !== rows) throw new Error(`profiled ${profile.rowCount} rows, wrote ${rows}`);
    report(
      `completeDatasetUpload (${DIALECT}, S3 GET + profile + update), ${profile.rowCount} rows`,
      bytes,
      completed,
    );
    console.log(`  columns: ${JSON.stringify(profile.columns.slice(14, 17))} ...`);
    console.log(`           ${JSON.stringify(profile.columns.slice(20))}`);

    const local = await measure(() =>
      profileCsv(createReadStream(file, { highWaterMark: 64 * 1024 }), { seed: 'x' }),
    );
    report('profileCsv alone, reading the local file', bytes, local);
    console.log(`\nheap limit: ${mib(getHeapStatistics().heap_size_limit)}`);
  } finally {
    await registry.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AuthenticatedCaller } from '../lib/caller';
import { registryModule } from '../subgraphs/registry/module';
import { member, startSubgraphHarness, type SubgraphHarness } from '../test/support/harness/subgraph';

/**
 * `models` list latency with 10,000 models in the organization (and 10,000 more in another one), through the
 * registry subgraph over HTTP on PostgreSQL: p50/p95/p99 of BENCH_REQUESTS (default 200) sequential requests
 * per case, after 20 warm-up requests. Rows are bulk-inserted with knex; each model has 2 of 20 tags.
 *   npx tsx bench/models-list.ts
 */
const MODELS = Number(process.env.BENCH_MODELS ?? 10_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARMUP = 20;
const FRAMEWORKS = ['SKLEARN', 'PYTORCH', 'TENSORFLOW', 'XGBOOST', 'ONNX', 'MLAAS'];
const TASKS = ['CLASSIFICATION', 'REGRESSION', 'CLUSTERING', 'ANOMALY_DETECTION'];
const REGIONS = ['emea', 'apac', 'amer', 'latam'];

async function seed(registry: SubgraphHarness, organizationId: string): Promise<void> {
  const knex = registry.subgraph.orm.em.getConnection().getKnex();
  const ownerId = randomUUID();
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let offset = 0; offset < MODELS; offset += 1000) {
    const models = [];
    const tags = [];
    for (let i = offset; i < Math.min(offset + 1000, MODELS); i++) {
      const id = randomUUID();
      const at = new Date(start + i * 1000);
      models.push({
        id,
        organization_id: organizationId,
        owner_id: ownerId,
        name: `model-${String(i).padStart(5, '0')}`,
        description: `${TASKS[i % 4].toLowerCase()} model for the ${REGIONS[i % 4]} region, build ${i}`,
        framework: FRAMEWORKS[i % FRAMEWORKS.length],
        task_type: TASKS[i % TASKS.length],
        lifecycle: 'DEVELOPMENT',
        created_at: at,
        updated_at: at,
      });
      tags.push({ model_id: id, tag: `tag-${i % 20}` }, { model_id: id, tag: `tag-${(i * 7 + 3) % 20}x` });
    }
    await knex.withSchema('registry').table('models').insert(models);
    await knex.withSchema('registry').table('model_tags').insert(tags);
  }
  await knex.raw('analyze registry.models, registry.model_tags');
}

const LIST = `query ($filter: ModelFilter, $first: Int, $after: String) {
  models(filter: $filter, first: $first, after: $after) { %COUNT% edges { cursor node { id name lifecycle tags createdAt } }
    pageInfo { hasNextPage endCursor } } }`;

interface Page {
  totalCount?: number;
  edges: { cursor: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function page(
  registry: SubgraphHarness,
  caller: AuthenticatedCaller,
  withCount: boolean,
  variables: Record<string, unknown>,
): Promise<Page> {
  const query = LIST.replace('%COUNT%', withCount ? 'totalCount' : '');
  const result = await registry.call<{ models: Page }>(caller, query, { first: 20, ...variables });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.models;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function measure(title: string, request: () => Promise<Page>): Promise<void> {
  let last: Page | undefined;
  for (let i = 0; i < WARMUP; i++) last = await request();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const started = performance.now();
    last = await request();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const count = last?.totalCount !== undefined ? `total ${last.totalCount}` : '';
  console.log(
    `${title.padEnd(46)} p50 ${percentile(times, 50).toFixed(1).padStart(5)} ms  p95 ${percentile(times, 95)
      .toFixed(1)
      .padStart(
        5,
      )} ms  p99 ${percentile(times, 99).toFixed(1).padStart(5)} ms  mean ${mean.toFixed(1).padStart(5)} ms  ${count}`,
  );
}

async function main(): Promise<void> {
  const registry = await startSubgraphHarness(registryModule, { dialect: 'postgresql' });
  // The figures depend on what else the machine runs.
  console.log(
    `${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  try {
    const owner = member('OWNER');
    const started = performance.now();
    await seed(registry, owner.organizationId);
    await seed(registry, member('OWNER').organizationId);
    console.log(
      `seeded ${MODELS} models (and ${MODELS} in another organization) in ${((performance.now() - started) / 1000).toFixed(1)} s;` +
        ` ${REQUESTS} sequential requests per case, first: 20, fields id name lifecycle tags createdAt\n`,
    );

    // The cursor after the 9,000th model, read by paging 100 at a time (as a client would).
    let deep: string | null = null;
    for (let read = 0; read < Math.min(9000, MODELS - 20); read += 100) {
      deep = (await page(registry, owner, false, { first: 100, after: deep })).pageInfo.endCursor;
    }

    await measure('first page', () => page(registry, owner, false, {}));
    await measure('first page + totalCount', () => page(registry, owner, true, {}));
    await measure('deep page (after 9,000)', () => page(registry, owner, false, { after: deep }));
    await measure('deep page (after 9,000) + totalCount', () => page(registry, owner, true, { after: deep }));
    await measure('filter tag (5%) + totalCount', () =>
      page(registry, owner, true, { filter: { tag: 'tag-7' } }),
    );
    await measure('filter framework + taskType (8%) + totalCount', () =>
      page(registry, owner, true, { filter: { framework: 'ONNX', taskType: 'CLASSIFICATION' } }),
    );
    await measure('search "apac" (25%) + totalCount', () =>
      page(registry, owner, true, { filter: { search: 'apac' } }),
    );
    await measure('search "build 4321" (1 model) + totalCount', () =>
      page(registry, owner, true, { filter: { search: 'build 4321' } }),
    );
  } finally {
    await registry.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { randomBytes } from 'node:crypto';
import { postGraphQL } from '../../test/support/gateway/clients';
import { startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';
import { heapUsedAfterGc, MiB } from '../../test/support/heap';
import { scrapeMetrics } from '../../test/support/metrics';

/** Series of the operations counter in a `/metrics` answer. */
function operationSeries(text: string): string[] {
  return text.split('\n').filter((line) => line.startsWith('mlaas_graphql_operations_total{'));
}

/** An operation name no one has sent before, `length` characters long (a valid GraphQL name). */
const randomName = (length: number) => `Op_${randomBytes(8).toString('hex')}`.padEnd(length, 'x');

/** Sends `count` queries, each with a new name: every other one short, the others `longLength` characters. */
async function sendNamedQueries(url: string, count: number, longLength: number): Promise<void> {
  for (let sent = 0; sent < count; sent += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const name = randomName(i % 2 === 0 ? 24 : longLength);
        const response = await postGraphQL(url, { query: `query ${name} { __typename }` });
        expect(response.status).toBe(200);
      }),
    );
  }
}

describe('operation names in /metrics', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    graph = await startFixtureGraph();
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('keeps the names of the operations clients send again and again', async () => {
    await postGraphQL(graph.gateway.url, { query: 'query JobStatus { job(id: "a") { status } }' });
    await postGraphQL(graph.gateway.url, { query: 'query JobStatus { job(id: "b") { status } }' });

    const series = operationSeries(await scrapeMetrics(graph.gateway.url));

    expect(series.some((line) => line.includes('name="JobStatus"'))).toBe(true);
  });

  it('counts 10,000 random operation names in a bounded set of series, in flat memory', async () => {
    // Long names: a label value the gateway kept would hold 16 KB. The first 4,000 requests fill Apollo's own
    // caches (parsed documents and query plans, ~30 MiB each, bounded); memory is measured over the last 6,000.
    const longName = 16_000;
    await sendNamedQueries(graph.gateway.url, 4_000, longName);
    const before = await heapUsedAfterGc();

    await sendNamedQueries(graph.gateway.url, 6_000, longName);

    const growth = (await heapUsedAfterGc()) - before;
    const text = await scrapeMetrics(graph.gateway.url);
    const series = operationSeries(text);
    // 100 names (and `other`, `anonymous`) by outcome.
    expect(series.length).toBeLessThanOrEqual(2 * 102);
    expect(series.some((line) => line.includes('name="other"'))).toBe(true);
    expect(text.length).toBeLessThan(100_000);
    expect(growth).toBeLessThan(16 * MiB);
  }, 300_000);
});

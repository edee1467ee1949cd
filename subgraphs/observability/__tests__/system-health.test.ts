import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { anonymousCaller } from '../../../lib/caller';
import { findFreePort } from '../../../lib/process';
import {
  errorsOf,
  member,
  startSubgraphHarness,
  type SubgraphHarness,
} from '../../../test/support/harness/subgraph';
import { observabilityModule } from '../module';

const QUERY = '{ systemHealth { status services { name status details } } }';

/** A service that answers /health/ready with a fixed status, as a real one would. */
async function fakeService(status: number): Promise<{ url: string; server: Server }> {
  const server = createServer((_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ status: status === 200 ? 'UP' : 'DOWN', checks: { database: { status: 'UP' } } }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

describe('observability: systemHealth', () => {
  let observability: SubgraphHarness;
  const servers: Server[] = [];

  beforeAll(async () => {
    const healthy = await fakeService(200);
    const failing = await fakeService(503);
    servers.push(healthy.server, failing.server);
    observability = await startSubgraphHarness(observabilityModule, {
      dialect: 'postgresql',
      env: {
        IDENTITY_URL: healthy.url,
        REGISTRY_URL: failing.url,
        INFERENCE_URL: `http://127.0.0.1:${await findFreePort()}/graphql`,
        OBSERVABILITY_URL: healthy.url,
      },
    });
  });
  afterAll(async () => {
    await observability?.stop();
    for (const server of servers) server.close();
  });

  it('reports each service as its /health/ready answers, and DEGRADED when only some are up', async () => {
    const result = await observability.call<{
      systemHealth: { status: string; services: { name: string; status: string; details: unknown }[] };
    }>(member(), QUERY);
    expect(result.errors).toBeUndefined();
    expect(result.data!.systemHealth.status).toBe('DEGRADED');
    expect(result.data!.systemHealth.services.map((s) => [s.name, s.status])).toEqual([
      ['identity', 'UP'],
      ['registry', 'DOWN'],
      ['inference', 'DOWN'],
      ['observability', 'UP'],
    ]);
    expect(result.data!.systemHealth.services[0].details).toEqual({ checks: { database: 'UP' } });
    expect(result.data!.systemHealth.services[2].details).toEqual({ checks: {}, reachable: false });
  });

  it('answers only signed-in callers', async () => {
    expect(errorsOf(await observability.call(anonymousCaller, QUERY))).toEqual([{ code: 'UNAUTHENTICATED' }]);
  });
});

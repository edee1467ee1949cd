import { randomBytes } from 'node:crypto';
import { connect, observe, postGraphQL } from '../../test/support/gateway/clients';
import { captureLogs, startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

describe('what the gateway logs on its error paths', () => {
  const logs = captureLogs();
  let graph: FixtureGraph;

  beforeAll(async () => {
    // Subgraphs refuse the gateway's caller signature: every subgraph fetch fails and is logged.
    graph = await startFixtureGraph({
      gatewayInternalSecret: randomBytes(32).toString('hex'),
      logger: logs.logger,
    });
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('logs no token, signature or credential of the requests that failed', async () => {
    const token = await graph.issuer.issue({ sub: 'user-1', orgs: [{ id: 'org-1', role: 'OWNER' }] });
    const forged = await graph.issuer.issue({ sub: 'user-1', orgs: [] }, { forged: true });
    const bearer = { authorization: `Bearer ${token}` };

    const failedFetch = await postGraphQL(
      graph.gateway.url,
      { query: '{ job(id: "job-1") { status } }' },
      bearer,
    );
    const refused = await postGraphQL(
      graph.gateway.url,
      { query: '{ job(id: "job-1") { status } }' },
      { authorization: `Bearer ${forged}` },
    );
    const socket = connect(graph.wsUrl, { authorization: `Bearer ${forged}`, password: 'hunter2-hunter2' });
    const closed = await observe(socket, 'subscription { jobUpdated(id: "j") { id } }').ended;
    await socket.dispose();

    expect(failedFetch.body.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(refused.status).toBe(401);
    expect(closed.error).toMatchObject({ code: 4403 });
    const text = logs.text();
    expect(text).toContain('subgraph fetch failed');
    for (const secret of [token, forged, token.split('.')[2], forged.split('.')[2], 'hunter2-hunter2'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(/x-mlaas-caller-signature"?\s*:\s*"[\w-]{20,}/i);
  });
});

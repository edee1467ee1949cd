import type { Client } from 'graphql-ws';
import { connect, observe } from '../../test/support/gateway/clients';
import { eventually, startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

const JOB_UPDATED = 'subscription ($id: ID!) { jobUpdated(id: $id) { id status owner { name } } }';
const SOURCE_CLOSED = {
  message: 'Subscription source closed; resubscribe',
  extensions: { code: 'SERVICE_UNAVAILABLE' },
};

describe('when the subgraph that owns a subscription goes away', () => {
  let graph: FixtureGraph;
  let socket: Client;

  beforeAll(async () => {
    graph = await startFixtureGraph();
    socket = connect(graph.wsUrl, {});
  });

  afterAll(async () => {
    await socket?.dispose();
    await graph?.stop();
  });

  it('reports ready while every subgraph is ready', async () => {
    const response = await fetch(graph.gateway.url.replace('/graphql', '/health/ready'));
    const report = (await response.json()) as { checks: Record<string, { status: string }> };

    expect(response.status).toBe(200);
    expect(Object.keys(report.checks).sort()).toEqual(['subgraph:jobs', 'subgraph:people']);
  });

  it('ends the client subscription with SERVICE_UNAVAILABLE instead of hanging', async () => {
    const observed = observe(socket, JOB_UPDATED, { id: 'job-1' });
    await eventually(() => expect(graph.feed.subscriberCount('job-1')).toBe(1));
    graph.feed.publish({ id: 'job-1', status: 'RUNNING' });
    await eventually(() => expect(observed.results).toHaveLength(1));

    await graph.jobsServer.stop();

    const { error } = await observed.ended;
    expect(error).toEqual([SOURCE_CLOSED]);
  });

  it('answers a new subscription with SERVICE_UNAVAILABLE while the subgraph is down', async () => {
    const observed = observe(socket, JOB_UPDATED, { id: 'job-2' });

    const { error } = await observed.ended;
    expect(error).toEqual([SOURCE_CLOSED]);
  });

  it('reports not ready, naming the subgraph that is down', async () => {
    const response = await fetch(graph.gateway.url.replace('/graphql', '/health/ready'));
    const report = (await response.json()) as { status: string; checks: Record<string, { status: string }> };

    expect(response.status).toBe(503);
    expect(report.checks['subgraph:jobs'].status).toBe('DOWN');
    expect(report.checks['subgraph:people'].status).toBe('UP');
  });
});

import { QueryPlanner } from '@apollo/query-planner';
import type { Client } from 'graphql-ws';
import { errors } from '../../lib/errors';
import { connect, executeOverSocket, observe } from '../../test/support/gateway/clients';
import {
  eventually,
  startFixtureGraph,
  TEST_LIMITS,
  type FixtureGraph,
} from '../../test/support/harness/gateway';

const JOB_UPDATED = `
  subscription JobUpdated($id: ID!) {
    jobUpdated(id: $id) { id status owner { name } }
  }
`;

describe('federated subscriptions through the gateway', () => {
  let graph: FixtureGraph;
  const clients: Client[] = [];
  let token: string;

  const client = (params: Record<string, unknown> = { authorization: `Bearer ${token}` }) => {
    const created = connect(graph.wsUrl, params);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    graph = await startFixtureGraph();
    token = await graph.issuer.issue({ sub: 'user-1', orgs: [{ id: 'org-1', role: 'ADMIN' }] });
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.dispose()));
    // Every test starts with no upstream subscription and no upstream socket left over.
    await eventually(() => expect(graph.feed.subscriberCount()).toBe(0));
    await eventually(() => expect(graph.jobsConnections.open()).toBe(0));
  });

  afterAll(async () => {
    await graph?.stop();
  });

  it('delivers every event in order with the field of another subgraph resolved', async () => {
    const observed = observe(client(), JOB_UPDATED, { id: 'job-a' });
    await eventually(() => expect(graph.feed.subscriberCount('job-a')).toBe(1));

    const statuses = ['QUEUED', 'RUNNING', 'RUNNING', 'SUCCEEDED'];
    for (const status of statuses) graph.feed.publish({ id: 'job-a', status });
    graph.feed.end('job-a');

    expect(await observed.ended).toEqual({});
    expect(observed.results).toEqual(
      statuses.map((status) => ({
        data: { jobUpdated: { id: 'job-a', status, owner: { name: 'Owner of job-a' } } },
      })),
    );
  });

  it('shapes events like query results: aliases, fragments and __typename', async () => {
    const query = `
      subscription {
        update: jobUpdated(id: "job-k") { __typename state: status ...Owner }
      }
      fragment Owner on Job { boss: owner { ... on Person { n: name } } }
    `;
    const observed = observe(client(), query);
    await eventually(() => expect(graph.feed.subscriberCount('job-k')).toBe(1));

    graph.feed.publish({ id: 'job-k', status: 'RUNNING' });

    await eventually(() => expect(observed.results).toHaveLength(1));
    expect(observed.results[0]).toEqual({
      data: { update: { __typename: 'Job', state: 'RUNNING', boss: { n: 'Owner of job-k' } } },
    });
  });

  it('delivers events of a subscription that needs no other subgraph', async () => {
    const observed = observe(
      client(),
      'subscription { jobUpdated(id: "job-l") { status } }',
      {},
      { 'x-request-id': 'trace-job-l' },
    );
    await eventually(() => expect(graph.feed.subscriberCount('job-l')).toBe(1));

    graph.feed.publish({ id: 'job-l', status: 'RUNNING' });
    graph.feed.end('job-l');

    expect(await observed.ended).toEqual({});
    expect(observed.results).toEqual([{ data: { jobUpdated: { status: 'RUNNING' } } }]);
    expect(graph.seen.filter((c) => c.requestId === 'trace-job-l').map((c) => c.subgraph)).toEqual(['jobs']);
  });

  it('disposes the upstream subscription when the client unsubscribes, keeping the shared socket', async () => {
    const socket = client();
    const leaving = observe(socket, JOB_UPDATED, { id: 'job-b1' });
    const staying = observe(socket, JOB_UPDATED, { id: 'job-b2' });
    await eventually(() => expect(graph.feed.subscriberCount()).toBe(2));

    leaving.unsubscribe();

    await eventually(() => expect(graph.feed.subscriberCount('job-b1')).toBe(0));
    expect(graph.feed.subscriberCount('job-b2')).toBe(1);
    expect(graph.jobsConnections.open()).toBe(1);
    graph.feed.publish({ id: 'job-b2', status: 'RUNNING' });
    await eventually(() => expect(staying.results).toHaveLength(1));
  });

  it('disposes the upstream subscriptions of a client that disconnects, then the idle upstream socket', async () => {
    const leaving = client();
    const staying = client();
    observe(leaving, JOB_UPDATED, { id: 'job-c1' });
    observe(staying, JOB_UPDATED, { id: 'job-c2' });
    await eventually(() => expect(graph.feed.subscriberCount()).toBe(2));
    expect(graph.jobsConnections.open()).toBe(1);

    await leaving.dispose();

    await eventually(() => expect(graph.feed.subscriberCount('job-c1')).toBe(0));
    expect(graph.feed.subscriberCount('job-c2')).toBe(1);
    expect(graph.jobsConnections.open()).toBe(1);

    await staying.dispose();

    await eventually(() => expect(graph.feed.subscriberCount('job-c2')).toBe(0));
    await eventually(() => expect(graph.jobsConnections.open()).toBe(0));
  });

  it('relays an error of the subscription source with its code and ends the subscription', async () => {
    const observed = observe(client(), JOB_UPDATED, { id: 'job-d' });
    await eventually(() => expect(graph.feed.subscriberCount('job-d')).toBe(1));
    graph.feed.publish({ id: 'job-d', status: 'RUNNING' });
    await eventually(() => expect(observed.results).toHaveLength(1));

    graph.feed.fail('job-d', errors.notFound('Job', 'job-d'));

    const { error } = await observed.ended;
    expect(error).toEqual([{ message: 'Job job-d not found', extensions: { code: 'NOT_FOUND' } }]);
  });

  it('hides an unexpected error of the subscription source behind INTERNAL_SERVER_ERROR', async () => {
    const observed = observe(client(), JOB_UPDATED, { id: 'job-e' });
    await eventually(() => expect(graph.feed.subscriberCount('job-e')).toBe(1));

    graph.feed.fail('job-e', new Error('connection string postgres://secret leaked'));

    const { error } = await observed.ended;
    expect(error).toEqual([
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
  });

  it('relays a refusal of the subscription source at subscribe time, then completes', async () => {
    const observed = observe(client(), JOB_UPDATED, { id: 'forbidden' });

    expect(await observed.ended).toEqual({});
    expect(observed.results).toEqual([
      {
        data: null,
        errors: [expect.objectContaining({ message: 'Not your job', extensions: { code: 'FORBIDDEN' } })],
      },
    ]);
  });

  it('opens one upstream socket for 50 subscriptions of the same caller', async () => {
    const sockets = Array.from({ length: 5 }, () => client());
    const opened = graph.jobsConnections.opened();
    const observed = sockets.flatMap((socket) =>
      Array.from({ length: 10 }, () => observe(socket, JOB_UPDATED, { id: 'job-f' })),
    );
    await eventually(() => expect(graph.feed.subscriberCount('job-f')).toBe(50));

    graph.feed.publish({ id: 'job-f', status: 'RUNNING' });
    await eventually(() => expect(observed.every((o) => o.results.length === 1)).toBe(true));

    expect(graph.jobsConnections.opened() - opened).toBe(1);
    expect(observed[49].results[0]).toEqual({
      data: { jobUpdated: { id: 'job-f', status: 'RUNNING', owner: { name: 'Owner of job-f' } } },
    });
  });

  it('refuses an operation beyond the per-connection limit, leaving the running ones alone', async () => {
    const max = TEST_LIMITS.maxOperationsPerConnection!;
    const socket = client();
    const running = Array.from({ length: max }, () => observe(socket, JOB_UPDATED, { id: 'job-m' }));
    await eventually(() => expect(graph.feed.subscriberCount('job-m')).toBe(max));

    const refused = observe(socket, JOB_UPDATED, { id: 'job-m' });

    expect((await refused.ended).error).toEqual([
      {
        message: `At most ${max} operations may run at once on one connection; complete one or open another connection`,
        extensions: { code: 'BAD_REQUEST' },
      },
    ]);
    graph.feed.publish({ id: 'job-m', status: 'RUNNING' });
    await eventually(() => expect(running.every((o) => o.results.length === 1)).toBe(true));
    running[0].unsubscribe();
    await eventually(() => expect(graph.feed.subscriberCount('job-m')).toBe(max - 1));
    observe(socket, JOB_UPDATED, { id: 'job-m' });
    await eventually(() => expect(graph.feed.subscriberCount('job-m')).toBe(max));
  });

  it('plans a subscription document once, however often it is subscribed', async () => {
    const buildQueryPlan = jest.spyOn(QueryPlanner.prototype, 'buildQueryPlan');
    try {
      const query = 'subscription PlannedOnce($id: ID!) { jobUpdated(id: $id) { status owner { name } } }';
      const socket = client();

      observe(socket, query, { id: 'job-n1' });
      observe(socket, query, { id: 'job-n2' });
      observe(client(), query, { id: 'job-n3' });

      await eventually(() => expect(graph.feed.subscriberCount()).toBe(3));
      expect(buildQueryPlan).toHaveBeenCalledTimes(1);
    } finally {
      buildQueryPlan.mockRestore();
    }
  });

  it('opens separate upstream sockets for different callers', async () => {
    const other = await graph.issuer.issue({ sub: 'user-2', orgs: [{ id: 'org-2', role: 'MEMBER' }] });
    const opened = graph.jobsConnections.opened();
    observe(client(), JOB_UPDATED, { id: 'job-g' });
    observe(client({ authorization: `Bearer ${other}` }), JOB_UPDATED, { id: 'job-g' });
    observe(client({}), JOB_UPDATED, { id: 'job-g' });

    await eventually(() => expect(graph.feed.subscriberCount('job-g')).toBe(3));
    expect(graph.jobsConnections.opened() - opened).toBe(3);
  });

  it('forwards the signed caller and the request id to both subgraphs', async () => {
    const observed = observe(client(), JOB_UPDATED, { id: 'job-h' }, { 'x-request-id': 'trace-job-h' });
    await eventually(() => expect(graph.feed.subscriberCount('job-h')).toBe(1));
    graph.feed.publish({ id: 'job-h', status: 'RUNNING' });
    await eventually(() => expect(observed.results).toHaveLength(1));

    const caller = { kind: 'user', userId: 'user-1', organizationId: 'org-1', role: 'ADMIN', scopes: [] };
    const calls = graph.seen.filter((call) => call.requestId === 'trace-job-h');
    expect(calls).toEqual([
      { subgraph: 'jobs', field: 'jobUpdated', caller, requestId: 'trace-job-h' },
      { subgraph: 'people', field: 'Job.owner', caller, requestId: 'trace-job-h' },
    ]);
  });

  it('subscribes anonymously when the connection carries no credentials', async () => {
    observe(client({}), JOB_UPDATED, { id: 'job-i' }, { 'x-request-id': 'trace-job-i' });
    await eventually(() => expect(graph.feed.subscriberCount('job-i')).toBe(1));

    const call = graph.seen.find((c) => c.requestId === 'trace-job-i');
    expect(call?.caller).toEqual({ kind: 'anonymous' });
  });

  it('answers a subscription with wrongly typed variables with BAD_USER_INPUT', async () => {
    const observed = observe(client(), JOB_UPDATED, { id: { not: 'an id' } });

    expect(await observed.ended).toEqual({});
    expect(observed.results).toEqual([
      { errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })] },
    ]);
    expect(graph.feed.subscriberCount()).toBe(0);
  });

  it('runs queries and mutations sent over the socket, across subgraphs', async () => {
    const socket = client();

    const query = await executeOverSocket(socket, 'query { job(id: "job-j") { status owner { name } } }');
    const mutation = await executeOverSocket(
      socket,
      'mutation { touchJob(id: "job-j") { status owner { name } } }',
    );

    expect(query).toEqual({ data: { job: { status: 'QUEUED', owner: { name: 'Owner of job-j' } } } });
    expect(mutation).toEqual({
      data: { touchJob: { status: 'TOUCHED', owner: { name: 'Owner of job-j' } } },
    });
  });
});

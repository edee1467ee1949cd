import { randomBytes } from 'node:crypto';
import { parse } from 'graphql';
import { graphqlRequestBinding, signCaller, type Caller } from '../../caller';
import { errors } from '../../errors';
import { createLogger } from '../../logger';
import { createServiceMetrics, metricsText } from '../../metrics';
import { AUDIT_STREAM, type AuditEvent } from '../../stream/audit-stream';
import type { EventStream } from '../../stream/event-stream';
import { InMemoryEventStream } from '../../stream/in-memory-event-stream';
import { createAuditQueue } from '../audit-queue';
import { startSubgraphServer, type RequestBase, type RunningService } from '../subgraph-server';

const secret = randomBytes(32).toString('hex');
const logger = createLogger('audit-test', 'silent');
const caller: Caller = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-00000000000a',
  organizationId: '00000000-0000-4000-8000-00000000000b',
  role: 'OWNER',
  scopes: [],
};

const typeDefs = parse(`
  type Job { id: ID! }
  type Query { ping: Boolean! }
  type Mutation { startJob(name: String!): Job!  stopJob(id: ID!): Boolean! }`);

/** A stream whose appends never answer, as a Redis that stopped responding. */
class StalledStream extends InMemoryEventStream {
  override append(): Promise<void> {
    return new Promise<void>(() => {});
  }
}

async function startJobs(stream: EventStream, queueMax = 100) {
  const metrics = createServiceMetrics('jobs');
  const audit = createAuditQueue({ stream, streamMaxLength: 1000, queueMax, metrics, logger });
  const server = await startSubgraphServer<RequestBase>(
    {
      name: 'jobs',
      typeDefs,
      resolvers: {
        Query: { ping: () => true },
        Mutation: {
          startJob: () => ({ id: 'job-1' }),
          stopJob: () => {
            throw errors.notFound('Job');
          },
        },
      },
      createContext: (base) => base,
      readiness: {},
    },
    {
      port: 0,
      host: '127.0.0.1',
      internalSecret: secret,
      logger,
      exposeStack: false,
      maxRequestBytes: 100_000,
      metrics,
      audit,
    },
  );
  return { server, metrics, audit };
}

async function call(server: RunningService, query: string, clientAddress?: string) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-request-id': 'req-42',
      ...signCaller(
        secret,
        caller,
        { audience: 'jobs', request: graphqlRequestBinding(query, undefined) },
        { clientAddress },
      ),
    },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
}

describe('audit events of a subgraph server', () => {
  it('appends an event per mutation to the audit stream, with the client address the gateway signed', async () => {
    const stream = new InMemoryEventStream();
    const { server, audit } = await startJobs(stream);
    try {
      expect(await call(server, 'mutation { startJob(name: "nightly") { id } }', '203.0.113.7')).toEqual({
        data: { startJob: { id: 'job-1' } },
      });
      const stopped = await call(server, 'mutation { stopJob(id: "job-9") }');
      expect(stopped.errors?.[0].extensions.code).toBe('NOT_FOUND');
      await call(server, '{ ping }');
      await audit.flush();
      const events = (await stream.range<AuditEvent>(AUDIT_STREAM)).map((entry) => entry.event);
      expect(
        events.map((e) => [e.operation, e.targetIds, e.outcome, e.errorCode, e.requestId, e.clientAddress]),
      ).toEqual([
        ['startJob', ['job-1'], 'OK', null, 'req-42', '203.0.113.7'],
        ['stopJob', ['job-9'], 'ERROR', 'NOT_FOUND', 'req-42', null],
      ]);
      expect(JSON.stringify(events)).not.toContain('nightly');
    } finally {
      await server.stop();
    }
  });

  it('never makes a mutation wait on a stalled stream: what does not fit the queue is dropped and counted', async () => {
    const { server, metrics } = await startJobs(new StalledStream(), 2);
    try {
      for (let i = 0; i < 5; i++) {
        expect(await call(server, 'mutation { startJob(name: "x") { id } }')).toEqual({
          data: { startJob: { id: 'job-1' } },
        });
      }
      // The first event is taken by the (stalled) append; two wait in the queue; two are dropped.
      expect(await metricsText(metrics)).toMatch(/^mlaas_audit_events_dropped_total\{service="jobs"\} 2$/m);
    } finally {
      await server.stop();
    }
  });
});

import type { ValidationRule } from 'graphql';
import type * as Limits from '../limits';
import { connect, executeOverSocket, observe, postGraphQL } from '../../test/support/gateway/clients';
import { eventually, startFixtureGraph, type FixtureGraph } from '../../test/support/harness/gateway';

// Records every validation the gateway runs (each has its own context) by wrapping the gateway's limit rules,
// which are part of every validation it runs.
const mockValidations = new Set<unknown>();
jest.mock('../limits', () => {
  const actual = jest.requireActual<typeof Limits>('../limits');
  return {
    ...actual,
    createLimitRules: (limits: Limits.OperationLimits) =>
      actual.createLimitRules(limits).map((rule): ValidationRule => (context) => {
        mockValidations.add(context);
        return rule(context);
      }),
  };
});

describe('validation of operations sent over WebSocket', () => {
  let graph: FixtureGraph;

  beforeAll(async () => {
    graph = await startFixtureGraph();
  });

  afterAll(async () => {
    await graph?.stop();
  });

  // Apollo Server keeps validated documents: each test sends a document of its own.
  it('validates a query once, as over HTTP', async () => {
    const socket = connect(graph.wsUrl);
    try {
      mockValidations.clear();
      await postGraphQL(graph.gateway.url, { query: '{ job(id: "once-http") { status } }' });
      const overHttp = mockValidations.size;

      mockValidations.clear();
      await executeOverSocket(socket, '{ job(id: "once-ws") { status } }');

      expect([overHttp, mockValidations.size]).toEqual([1, 1]);
    } finally {
      await socket.dispose();
    }
  });

  it('validates a subscription once', async () => {
    const socket = connect(graph.wsUrl);
    try {
      mockValidations.clear();
      observe(socket, 'subscription { jobUpdated(id: "once-sub") { status } }');
      await eventually(() => expect(graph.feed.subscriberCount('once-sub')).toBe(1));

      expect(mockValidations.size).toBe(1);
    } finally {
      await socket.dispose();
    }
  });
});

import { buildOperationContext, executeQueryPlan, type GraphQLDataSource } from '@apollo/gateway';
import type { FetchNode, FlattenNode, SequenceNode, SubscriptionNode } from '@apollo/query-planner';
import { parse } from 'graphql';
import { createFixtureSubgraphs } from '../../../test/support/gateway/fixture-subgraphs';
import { loadFederatedSchema, planOperation } from '../federated-schema';
import { EVENT_SOURCE, eventPlan } from '../event-resolver';

/**
 * Federated subscriptions lean on @apollo/gateway and @apollo/query-planner internals (2.14.4). These tests pin
 * the behaviour relied on, so an upgrade that changes it fails here, by name, before anything subtler breaks.
 */
describe('what federated subscriptions rely on in @apollo/gateway', () => {
  const federated = loadFederatedSchema(createFixtureSubgraphs().supergraphSdl);
  const document = parse('subscription S($id: ID!) { jobUpdated(id: $id) { id status owner { name } } }');
  const requestContext = (variables: Record<string, unknown>) =>
    ({ request: { variables }, context: {}, logger: console, metrics: {} }) as unknown as Parameters<
      typeof executeQueryPlan
    >[2];
  const operationContext = buildOperationContext({
    schema: federated.schema,
    operationDocument: document,
    operationName: 'S',
  });

  it('plans a subscription as a primary fetch on the owning subgraph and the rest as entity fetches', () => {
    const plan = planOperation(federated, document, 'S');

    const node = plan.node as SubscriptionNode;
    expect(node.kind).toBe('Subscription');
    expect(node.primary).toMatchObject({ kind: 'Fetch', serviceName: 'jobs', variableUsages: ['id'] });
    expect(node.primary.operation).toMatch(/^subscription S__jobs__0\(\$id:ID!\)\{jobUpdated\(id:\$id\)\{/);
    const rest = node.rest as SequenceNode;
    const flatten = rest.nodes[0] as FlattenNode;
    expect(flatten).toMatchObject({ kind: 'Flatten', path: ['jobUpdated'] });
    expect((flatten.node as FetchNode).serviceName).toBe('people');
    expect((flatten.node as FetchNode).operation).toContain('_entities(representations:$representations)');
  });

  it("reads ApolloGateway's planner switches once, when the schema loads, not per plan", () => {
    const name = 'APOLLO_DISABLE_SECURITY_RECURSIVE_SELECTIONS_CHECK';
    const before = process.env[name];
    let loaded: ReturnType<typeof loadFederatedSchema>;
    process.env[name] = 'true';
    try {
      loaded = loadFederatedSchema(createFixtureSubgraphs().supergraphSdl);
    } finally {
      if (before === undefined) delete process.env[name];
      else process.env[name] = before;
    }
    const buildQueryPlan = jest.spyOn(loaded.planner, 'buildQueryPlan');

    planOperation(loaded, document, 'S');

    expect(buildQueryPlan).toHaveBeenCalledWith(expect.anything(), {
      recursiveSelectionsLimitDisabled: true,
      nonLocalSelectionsLimitDisabled: false,
    });
  });

  it('still refuses to execute a Subscription node itself', async () => {
    const plan = planOperation(federated, document, 'S');

    await expect(
      executeQueryPlan(
        plan,
        {},
        requestContext({ id: '1' }),
        operationContext,
        federated.supergraphSchema,
        federated.apiSchema,
      ),
    ).rejects.toThrow('Execution of subscriptions not supported by gateway');
  });

  it('merges an event answered by the synthetic source and resolves the rest from it', async () => {
    const node = planOperation(federated, document, 'S').node as SubscriptionNode;
    const requests: unknown[] = [];
    const event: GraphQLDataSource = {
      process: async () => ({ data: { jobUpdated: { __typename: 'Job', id: 'j1', status: 'RUNNING' } } }),
    };
    const people: GraphQLDataSource = {
      process: async ({ request }) => {
        requests.push(request.variables);
        return { data: { _entities: [{ owner: { name: 'Ada' } }] } };
      },
    };

    const result = await executeQueryPlan(
      eventPlan(node),
      { [EVENT_SOURCE]: event, people },
      requestContext({ id: 'j1' }),
      operationContext,
      federated.supergraphSchema,
      federated.apiSchema,
    );

    expect(result).toEqual({ data: { jobUpdated: { id: 'j1', status: 'RUNNING', owner: { name: 'Ada' } } } });
    expect(requests).toEqual([{ representations: [{ __typename: 'Job', id: 'j1' }] }]);
  });
});

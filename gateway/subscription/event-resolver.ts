import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from '@apollo/gateway';
import type { FetchNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import type { FormattedExecutionResult, GraphQLError, GraphQLFormattedError } from 'graphql';
import type { FormattedExecutionResult as UpstreamResult } from 'graphql-ws';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { withSpan } from '../../lib/tracing/spans';
import type { GatewayContext } from '../context';
import type { FederatedSchema } from './federated-schema';
import type { SubscriptionRequest } from './federated-subscriptions';

/** The synthetic service that "answers" the primary fetch of a subscription plan with the upstream event. */
export const EVENT_SOURCE = '__mlaas_subscription_event__';

export type UpstreamEvent = UpstreamResult<Record<string, unknown>, unknown>;

/** Shapes an error for the client, with the subscriber's logger and the gateway's stack policy. */
export type FormatClientError = (error: GraphQLError | Error) => GraphQLFormattedError;

type RequestContext = Parameters<typeof executeQueryPlan>[2];

/**
 * executeQueryPlan refuses Subscription nodes and starts from empty data. This plan is the subscription's
 * `rest` behind a copy of its primary fetch addressed to EVENT_SOURCE, whose answer is the event: the event is
 * merged into the result exactly like a subgraph response, then `rest` runs its entity fetches from it.
 */
export function eventPlan(node: SubscriptionNode): QueryPlan {
  const source: FetchNode = { ...node.primary, serviceName: EVENT_SOURCE };
  return { kind: 'QueryPlan', node: node.rest ? { kind: 'Sequence', nodes: [source, node.rest] } : source };
}

export interface EventResolution {
  federated: FederatedSchema;
  /** The gateway's authenticated data sources, by subgraph name, for the plan's entity fetches. */
  dataSources: ServiceMap;
  /** The subscription's event plan (see eventPlan). */
  plan: QueryPlan;
  request: SubscriptionRequest;
  context: GatewayContext;
  format: FormatClientError;
}

/** The fields of a request context that executeQueryPlan and the data sources read; the rest is Apollo's. */
function planRequestContext({ request, context }: EventResolution): RequestContext {
  return {
    request: {
      query: request.query,
      operationName: request.operationName,
      variables: request.variables ?? {},
    },
    document: request.document,
    operationName: request.operationName ?? null,
    context,
    logger: context.logger,
    metrics: {},
  } as unknown as RequestContext;
}

/** Turns each upstream event into the client's result by running the subscription's `rest` from it. */
export function createEventResolver(
  resolution: EventResolution,
): (event: UpstreamEvent) => Promise<FormattedExecutionResult> {
  const { federated, plan, request, format } = resolution;
  const operationContext = buildOperationContext({
    schema: federated.schema,
    operationDocument: request.document,
    operationName: request.operationName,
  });
  // Each event is a trace of its own: its entity fetches carry its traceparent to the subgraphs.
  const spanName = `subscription event ${operationContext.operation.name?.value ?? ''}`.trim();
  return (event) => withSpan('gateway', spanName, { parent: ROOT_CONTEXT }, () => resolveEvent(event));
  async function resolveEvent(event: UpstreamEvent): Promise<FormattedExecutionResult> {
    const source: GraphQLDataSource = { process: async () => ({ data: event.data, errors: event.errors }) };
    const serviceMap: ServiceMap = { ...resolution.dataSources, [EVENT_SOURCE]: source };
    try {
      const result = await executeQueryPlan(
        plan,
        serviceMap,
        planRequestContext(resolution),
        operationContext,
        federated.supergraphSchema,
        federated.apiSchema,
      );
      // Over HTTP Apollo reports value-completion problems in `extensions`; a subscription client sees errors.
      const completion = (result.extensions?.valueCompletion ?? []) as GraphQLError[];
      const all = [...(result.errors ?? []), ...completion];
      return { data: result.data ?? null, ...(all.length ? { errors: all.map(format) } : {}) };
    } catch (error) {
      return { data: null, errors: [format(error as Error)] };
    }
  }
}

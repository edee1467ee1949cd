import { createHash } from 'node:crypto';
import {
  buildOperationContext,
  executeQueryPlan,
  type GraphQLDataSource,
  type ServiceMap,
} from '@apollo/gateway';
import type { FetchNode, QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import {
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import type { FormattedExecutionResult as UpstreamResult } from 'graphql-ws';
import { REQUEST_ID_HEADER } from '../../lib/caller';
import { errors } from '../../lib/errors';
import { createErrorFormatter } from '../../lib/format-error';
import type { ServiceMetrics } from '../../lib/metrics';
import type { GatewayContext } from '../context';
import { planOperation, type FederatedSchema } from './federated-schema';
import { LruCache } from './lru-cache';
import { ResolvedEvents } from './resolved-events';
import type { UpstreamPool } from './upstream-pool';

/** The synthetic service that "answers" the primary fetch of a subscription plan with the upstream event. */
export const EVENT_SOURCE = '__mlaas_subscription_event__';

/** Errors that end a subscription, already formatted for the client (graphql-ws sends them as an Error message). */
export class TerminalErrors extends Error {
  constructor(readonly errors: GraphQLFormattedError[]) {
    super(errors[0]?.message ?? 'Subscription failed');
  }
}

export interface SubscriptionRequest {
  document: DocumentNode;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

export type SubscriptionResult = AsyncIterableIterator<FormattedExecutionResult> | FormattedExecutionResult;

export interface FederatedSubscriptionsOptions {
  federated: FederatedSchema;
  /** The gateway's authenticated data sources, by subgraph name: `rest` fetches go through them, as for queries. */
  dataSources: ServiceMap;
  upstreams: UpstreamPool;
  metrics: ServiceMetrics;
  exposeStack: boolean;
  /**
   * Upstream events allowed to wait for a slow client before its subscription fails.
   * @default 1000
   */
  maxBufferedEvents?: number;
  /**
   * Subscription plans kept, by document and operation name (least recently used forgotten first).
   * @default 500
   */
  maxCachedPlans?: number;
}

type RequestContext = Parameters<typeof executeQueryPlan>[2];
type UpstreamEvent = UpstreamResult<Record<string, unknown>, unknown>;

/**
 * executeQueryPlan refuses Subscription nodes and starts from empty data. This plan is the subscription's
 * `rest` behind a copy of its primary fetch addressed to EVENT_SOURCE, whose answer is the event: the event is
 * merged into the result exactly like a subgraph response, then `rest` runs its entity fetches from it.
 */
export function eventPlan(node: SubscriptionNode): QueryPlan {
  const source: FetchNode = { ...node.primary, serviceName: EVENT_SOURCE };
  return { kind: 'QueryPlan', node: node.rest ? { kind: 'Sequence', nodes: [source, node.rest] } : source };
}

function isFormattedErrors(value: unknown): value is GraphQLFormattedError[] {
  return (
    Array.isArray(value) && value.every((e) => typeof (e as { message?: unknown })?.message === 'string')
  );
}

/** A plan made once per (document, operation name) and kept: planning costs far more than a cache lookup. */
interface CachedPlan {
  node: SubscriptionNode;
  plan: QueryPlan;
}

function describeFailure(error: unknown): string {
  const { code, reason, message } = (error ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  if (typeof code === 'number') return `connection closed (${code}${reason ? ` ${String(reason)}` : ''})`;
  return typeof message === 'string' ? message : String(error);
}

/**
 * Federated subscriptions: plan with the gateway's planner, subscribe to the plan's primary fetch on the owning
 * subgraph over a shared graphql-ws socket, and resolve `rest` (other subgraphs' fields) for every event.
 */
export function createFederatedSubscriptions(options: FederatedSubscriptionsOptions) {
  const { federated, metrics } = options;
  const maxBuffered = options.maxBufferedEvents ?? 1_000;
  const plans = new LruCache<string, CachedPlan>(options.maxCachedPlans ?? 500);

  function subscriptionPlan(request: SubscriptionRequest): CachedPlan {
    // A digest, so that the cache does not keep a second copy of every document (each up to maxRequestBytes).
    const key = createHash('sha256')
      .update(JSON.stringify([request.query, request.operationName ?? null]))
      .digest('base64url');
    const cached = plans.get(key);
    if (cached) return cached;
    const plan = planOperation(federated, request.document, request.operationName);
    if (plan.node?.kind !== 'Subscription') {
      throw new Error(`Expected a subscription plan, got ${plan.node?.kind}`);
    }
    const made = { node: plan.node, plan: eventPlan(plan.node) };
    plans.set(key, made);
    return made;
  }

  return function subscribe(request: SubscriptionRequest, context: GatewayContext): SubscriptionResult {
    const formatError = createErrorFormatter(context.logger, { exposeStack: options.exposeStack });
    const format = (error: GraphQLError | Error) =>
      formatError('toJSON' in error ? (error as GraphQLError).toJSON() : { message: error.message }, error);

    const operation = getOperationAST(request.document, request.operationName);
    const coerced = getVariableValues(
      federated.schema,
      operation?.variableDefinitions ?? [],
      request.variables ?? {},
    );
    if (coerced.errors) return { errors: coerced.errors.map((e) => format(errors.badInput(e.message))) };

    let node: SubscriptionNode;
    let plan: QueryPlan;
    try {
      ({ node, plan } = subscriptionPlan(request));
    } catch (error) {
      return { errors: [format(error as Error)] };
    }
    const operationContext = buildOperationContext({
      schema: federated.schema,
      operationDocument: request.document,
      operationName: request.operationName,
    });
    const subgraph = node.primary.serviceName;

    const resolveEvent = async (event: UpstreamEvent): Promise<FormattedExecutionResult> => {
      const source: GraphQLDataSource = { process: async () => ({ data: event.data, errors: event.errors }) };
      const serviceMap: ServiceMap = { ...options.dataSources, [EVENT_SOURCE]: source };
      // The fields of a request context that executeQueryPlan and the data sources read; the rest is Apollo's.
      const requestContext = {
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
      try {
        const result = await executeQueryPlan(
          plan,
          serviceMap,
          requestContext,
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
    };

    const upstreamFailure = (error: unknown): TerminalErrors => {
      if (isFormattedErrors(error)) {
        context.logger.warn({ subgraph, errors: error }, 'subscription source answered with errors');
        return new TerminalErrors(
          error.map((e) => formatError({ ...e, extensions: { ...e.extensions, serviceName: subgraph } }, e)),
        );
      }
      // The socket to the subgraph closed or failed: nothing the client did, and resubscribing may well work.
      context.logger.warn({ subgraph, reason: describeFailure(error) }, 'subscription source closed');
      return new TerminalErrors([
        format(errors.serviceUnavailable('Subscription source closed; resubscribe')),
      ]);
    };

    const lease = options.upstreams.acquire(subgraph, context.caller);
    // Set once the upstream subscription exists; the stream may only close after that (sinks run async).
    const upstream = { unsubscribe: () => {} };
    metrics.activeSubscriptions.inc();
    metrics.operations.inc({
      type: 'subscription',
      name: request.operationName ?? 'anonymous',
      outcome: 'ok',
    });
    const stream = new ResolvedEvents<UpstreamEvent, FormattedExecutionResult>({
      label: `subscription ${request.operationName ?? 'anonymous'} on ${subgraph}`,
      resolve: resolveEvent,
      maxBuffered,
      onClose: () => {
        upstream.unsubscribe();
        lease.release();
        metrics.activeSubscriptions.dec();
        context.logger.debug({ subgraph }, 'subscription closed');
      },
    });
    const variables: Record<string, unknown> = {};
    for (const name of node.primary.variableUsages ?? []) {
      if (request.variables && Object.hasOwn(request.variables, name)) {
        variables[name] = request.variables[name];
      }
    }
    upstream.unsubscribe = lease.client.subscribe<Record<string, unknown>>(
      {
        query: node.primary.operation,
        operationName: node.primary.operationName,
        variables,
        extensions: { [REQUEST_ID_HEADER]: context.requestId },
      },
      {
        next: (event) => stream.push(event),
        error: (error) => stream.fail(upstreamFailure(error)),
        complete: () => stream.end(),
      },
    );
    return stream;
  };
}

export type FederatedSubscribe = ReturnType<typeof createFederatedSubscriptions>;

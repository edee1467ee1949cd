import { createHash } from 'node:crypto';
import type { ServiceMap } from '@apollo/gateway';
import type { QueryPlan, SubscriptionNode } from '@apollo/query-planner';
import {
  getOperationAST,
  getVariableValues,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLError,
  type GraphQLFormattedError,
} from 'graphql';
import { REQUEST_ID_HEADER } from '../../lib/caller';
import { errors } from '../../lib/errors';
import { createErrorFormatter } from '../../lib/format-error';
import type { ServiceMetrics } from '../../lib/metrics';
import type { GatewayContext } from '../context';
import { createEventResolver, eventPlan, type FormatClientError, type UpstreamEvent } from './event-resolver';
import { planOperation, type FederatedSchema } from './federated-schema';
import { LruCache } from '../../lib/lru-cache';
import { ResolvedEvents } from './resolved-events';
import { DEFAULT_SOCKET_LIMITS, subscriptionCacheCost } from './socket-quotas';
import type { UpstreamPool } from './upstream-pool';

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
  /**
   * Budget of the plans kept, in bytes (as `subscriptionCacheCost` estimates them).
   * @default 32 MiB
   */
  maxCachedPlanBytes?: number;
}

type ErrorFormatter = ReturnType<typeof createErrorFormatter>;

function isFormattedErrors(value: unknown): value is GraphQLFormattedError[] {
  return (
    Array.isArray(value) && value.every((e) => typeof (e as { message?: unknown })?.message === 'string')
  );
}

/** A plan made once per (document, operation name) and kept: planning costs far more than a cache lookup. */
interface CachedPlan {
  node: SubscriptionNode;
  plan: QueryPlan;
  /** Its estimated bytes in the cache. */
  cost: number;
}

function describeFailure(error: unknown): string {
  const { code, reason, message } = (error ?? {}) as { code?: unknown; reason?: unknown; message?: unknown };
  if (typeof code === 'number') return `connection closed (${code}${reason ? ` ${String(reason)}` : ''})`;
  return typeof message === 'string' ? message : String(error);
}

/** One client's subscription request, with its errors shaped by its own logger. */
interface Subscriber {
  request: SubscriptionRequest;
  context: GatewayContext;
  formatError: ErrorFormatter;
  format: FormatClientError;
}

function createSubscriber(
  request: SubscriptionRequest,
  context: GatewayContext,
  exposeStack: boolean,
): Subscriber {
  const formatError = createErrorFormatter(context.logger, { exposeStack });
  const format = (error: GraphQLError | Error) =>
    formatError('toJSON' in error ? (error as GraphQLError).toJSON() : { message: error.message }, error);
  return { request, context, formatError, format };
}

/**
 * Plans by request. Only an authenticated caller's plans are kept: an anonymous socket could otherwise fill the
 * cache with the plans of large documents (~1.6 MB each for a 1 MB text).
 */
function createPlanCache(
  federated: FederatedSchema,
  options: FederatedSubscriptionsOptions,
): (request: SubscriptionRequest, context: GatewayContext) => CachedPlan {
  const plans = new LruCache<string, CachedPlan>({
    maxEntries: options.maxCachedPlans ?? 500,
    maxBytes: options.maxCachedPlanBytes ?? DEFAULT_SOCKET_LIMITS.cacheBytes,
    sizeOf: (key, plan) => key.length * 2 + plan.cost,
  });
  return (request, context) => {
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
    const made = { node: plan.node, plan: eventPlan(plan.node), cost: subscriptionCacheCost(request.query) };
    if (context.caller.kind === 'user') plans.set(key, made);
    return made;
  };
}

/** The client's answer when its variables do not coerce to the operation's definitions; undefined when they do. */
function variableErrors(
  federated: FederatedSchema,
  { request, format }: Subscriber,
): FormattedExecutionResult | undefined {
  const operation = getOperationAST(request.document, request.operationName);
  const coerced = getVariableValues(
    federated.schema,
    operation?.variableDefinitions ?? [],
    request.variables ?? {},
  );
  return coerced.errors
    ? { errors: coerced.errors.map((e) => format(errors.badInput(e.message))) }
    : undefined;
}

/** The request's variables that the primary fetch uses: all the owning subgraph is sent. */
function primaryVariables(node: SubscriptionNode, request: SubscriptionRequest): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const name of node.primary.variableUsages ?? []) {
    if (request.variables && Object.hasOwn(request.variables, name)) {
      variables[name] = request.variables[name];
    }
  }
  return variables;
}

/** Why the upstream subscription ended, as the errors that end the client's. */
function upstreamFailure(error: unknown, subgraph: string, subscriber: Subscriber): TerminalErrors {
  const { context, formatError, format } = subscriber;
  if (isFormattedErrors(error)) {
    context.logger.warn({ subgraph, errors: error }, 'subscription source answered with errors');
    return new TerminalErrors(
      error.map((e) => formatError({ ...e, extensions: { ...e.extensions, serviceName: subgraph } }, e)),
    );
  }
  // The socket to the subgraph closed or failed: nothing the client did, and resubscribing may well work.
  context.logger.warn({ subgraph, reason: describeFailure(error) }, 'subscription source closed');
  return new TerminalErrors([format(errors.serviceUnavailable('Subscription source closed; resubscribe'))]);
}

/** Subscribes to the primary fetch on the owning subgraph and streams every event resolved through the plan. */
function openSubscription(
  options: FederatedSubscriptionsOptions,
  subscriber: Subscriber,
  { node, plan }: CachedPlan,
): ResolvedEvents<UpstreamEvent, FormattedExecutionResult> {
  const { request, context } = subscriber;
  const { metrics } = options;
  const subgraph = node.primary.serviceName;
  const resolve = createEventResolver({
    federated: options.federated,
    dataSources: options.dataSources,
    plan,
    request,
    context,
    format: subscriber.format,
  });
  const lease = options.upstreams.acquire(subgraph, context.caller);
  // Set once the upstream subscription exists; the stream may only close after that (sinks run async).
  const upstream = { unsubscribe: () => {} };
  metrics.activeSubscriptions.inc();
  metrics.operations.inc({
    type: 'subscription',
    name: metrics.operationName(request.operationName),
    outcome: 'ok',
  });
  const stream = new ResolvedEvents<UpstreamEvent, FormattedExecutionResult>({
    label: `subscription ${request.operationName ?? 'anonymous'} on ${subgraph}`,
    resolve,
    maxBuffered: options.maxBufferedEvents ?? 1_000,
    onClose: () => {
      upstream.unsubscribe();
      lease.release();
      metrics.activeSubscriptions.dec();
      context.logger.debug({ subgraph }, 'subscription closed');
    },
  });
  upstream.unsubscribe = lease.client.subscribe<Record<string, unknown>>(
    {
      query: node.primary.operation,
      operationName: node.primary.operationName,
      variables: primaryVariables(node, request),
      extensions: { [REQUEST_ID_HEADER]: context.requestId },
    },
    {
      next: (event) => stream.push(event),
      error: (error) => stream.fail(upstreamFailure(error, subgraph, subscriber)),
      complete: () => stream.end(),
    },
  );
  return stream;
}

/**
 * Federated subscriptions: plan with the gateway's planner, subscribe to the plan's primary fetch on the owning
 * subgraph over a shared graphql-ws socket, and resolve `rest` (other subgraphs' fields) for every event.
 */
export function createFederatedSubscriptions(options: FederatedSubscriptionsOptions) {
  const subscriptionPlan = createPlanCache(options.federated, options);

  return function subscribe(request: SubscriptionRequest, context: GatewayContext): SubscriptionResult {
    const subscriber = createSubscriber(request, context, options.exposeStack);
    const invalid = variableErrors(options.federated, subscriber);
    if (invalid) return invalid;
    let planned: CachedPlan;
    try {
      planned = subscriptionPlan(request, context);
    } catch (error) {
      return { errors: [subscriber.format(error as Error)] };
    }
    return openSubscription(options, subscriber, planned);
  };
}

export type FederatedSubscribe = ReturnType<typeof createFederatedSubscriptions>;

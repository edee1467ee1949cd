import { context, propagation, trace, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Config } from '../config';

/**
 * The part of mlaas that made a span (`gateway`, a subgraph's name, `training-worker`): its tracer's name (the
 * instrumentation scope) and, unless OTEL_SERVICE_NAME says otherwise, its `service.name` as `mlaas-<service>`.
 */
export type TracedService = string;

export interface TracingOptions {
  /** `service.name` of every span of this process; by default each service's own `mlaas-<service>`. */
  serviceName?: string;
  /** Where each service's spans go (one processor per service); tests pass an in-memory exporter. */
  spanProcessor: () => SpanProcessor;
}

interface TracingState {
  options: TracingOptions;
  providers: Map<TracedService, BasicTracerProvider>;
}

let state: TracingState | undefined;

/**
 * Turns tracing on for this process. Until it is (and without OTEL_EXPORTER_OTLP_ENDPOINT it never is), no
 * provider, context manager or propagator is registered, so every span made through @opentelemetry/api
 * (@apollo/gateway's) is the API's no-op, and our own call sites skip even that (see `tracingEnabled`).
 * Embedded mode runs every service in one process: each gets a provider of its own, so a collector still
 * shows the gateway, registry and identity as separate services.
 */
export function startTracing(options: TracingOptions): boolean {
  if (state) return false;
  state = { options, providers: new Map() };
  const contextManager = new AsyncLocalStorageContextManager();
  contextManager.enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  // @apollo/gateway makes its spans (gateway.request, gateway.plan, gateway.fetch…) on the global provider.
  trace.setGlobalTracerProvider(providerFor('gateway', state));
  return true;
}

/** Flushes what is buffered and turns tracing off (the API's globals are released for a later start). */
export async function stopTracing(): Promise<void> {
  const stopping = state;
  if (!stopping) return;
  state = undefined;
  await Promise.all([...stopping.providers.values()].map((provider) => provider.shutdown()));
  trace.disable();
  propagation.disable();
  context.disable();
}

/** Whether spans are being recorded; call sites on hot paths check it before making one. */
export function tracingEnabled(): boolean {
  return state !== undefined;
}

/** The tracer of one service, or the API's no-op tracer when tracing is off. */
export function tracerOf(service: TracedService): Tracer {
  return state ? providerFor(service, state).getTracer(service) : trace.getTracer(service);
}

function providerFor(service: TracedService, current: TracingState): BasicTracerProvider {
  let provider = current.providers.get(service);
  if (!provider) {
    const { options } = current;
    provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': options.serviceName ?? `mlaas-${service}` }),
      spanProcessors: [options.spanProcessor()],
    });
    current.providers.set(service, provider);
  }
  return provider;
}

/**
 * Tracing as configured: OTLP over HTTP to OTEL_EXPORTER_OTLP_ENDPOINT (`/v1/traces` appended), spans batched;
 * nothing at all without an endpoint (the exporter is not even loaded). Call before any server starts: routes
 * and schemas decide once, when they are made, whether to trace.
 */
export async function startConfiguredTracing(config: Pick<Config, 'tracing'>): Promise<boolean> {
  const endpoint = config.tracing.otlpEndpoint;
  if (!endpoint) return false;
  const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
  const url = new URL('v1/traces', endpoint.endsWith('/') ? endpoint : `${endpoint}/`).toString();
  return startTracing({
    serviceName: config.tracing.serviceName,
    spanProcessor: () => new BatchSpanProcessor(new OTLPTraceExporter({ url })),
  });
}

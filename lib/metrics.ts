import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { createBoundedLabel } from './bounded-label';

export interface ServiceMetrics {
  registry: Registry;
  httpRequests: Counter<'route' | 'status'>;
  operations: Counter<'type' | 'name' | 'outcome'>;
  operationSeconds: Histogram<'type'>;
  activeSubscriptions: Gauge;
  /** The `name` label of an operation: client-chosen names are bounded (see bounded-label.ts). */
  operationName: (name: string | null | undefined) => string;
}

let processRegistry: Registry | undefined;

/**
 * Process metrics (CPU, memory, event loop), collected once per process however many services it runs: each
 * collection enables its own event-loop monitor.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** What `/metrics` answers: the service's own series and the process's. */
export async function metricsText(metrics: ServiceMetrics): Promise<string> {
  return (await metrics.registry.metrics()) + (await processMetrics().metrics());
}

/**
 * One registry per service, labelled with the service name, so that the embedded mode (all services in one
 * process) exposes the same series per service as the split mode.
 */
export function createServiceMetrics(service: string): ServiceMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  return {
    registry,
    httpRequests: new Counter({
      name: 'mlaas_http_requests_total',
      help: 'HTTP requests by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    operations: new Counter({
      name: 'mlaas_graphql_operations_total',
      help: 'GraphQL operations by type, name and outcome',
      labelNames: ['type', 'name', 'outcome'],
      registers: [registry],
    }),
    operationSeconds: new Histogram({
      name: 'mlaas_graphql_operation_duration_seconds',
      help: 'GraphQL operation duration',
      labelNames: ['type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    activeSubscriptions: new Gauge({
      name: 'mlaas_active_subscriptions',
      help: 'GraphQL subscriptions open on this process',
      registers: [registry],
    }),
    operationName: createBoundedLabel(),
  };
}

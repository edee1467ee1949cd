import { context, propagation, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { tracingEnabled } from './tracing';

/** W3C trace context as it travels in headers, job data and event payloads: `traceparent` (+ `tracestate`). */
export type TraceCarrier = Record<string, string>;

/** The active span's W3C headers, added to `carrier`; nothing when tracing is off or no span is active. */
export function injectTraceContext(carrier: TraceCarrier, from: Context = context.active()): TraceCarrier {
  if (tracingEnabled()) propagation.inject(from, carrier);
  return carrier;
}

/** The active span's trace context as a new carrier, or undefined when there is none to carry. */
export function currentTraceCarrier(): TraceCarrier | undefined {
  if (!tracingEnabled()) return undefined;
  const carrier = injectTraceContext({});
  return carrier.traceparent ? carrier : undefined;
}

/**
 * The context a received request, job or event continues. It starts from the root, never from whatever is
 * active: in one process (embedded mode, tests) a server's socket may have been opened inside a client's
 * span, and a request must not silently become that span's child unless its traceparent says so.
 */
export function contextFromCarrier(carrier: Record<string, unknown> | undefined): Context {
  if (!carrier) return ROOT_CONTEXT;
  return propagation.extract(ROOT_CONTEXT, carrier, {
    get: (source, key) => {
      const value = source[key];
      if (typeof value === 'string') return value;
      return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
    },
    keys: (source) => Object.keys(source),
  });
}

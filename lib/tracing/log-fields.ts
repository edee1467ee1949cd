import { trace } from '@opentelemetry/api';
import { tracingEnabled } from './tracing';

export interface TraceLogFields {
  traceId?: string;
  spanId?: string;
}

/**
 * The active span's ids for a log line (pino mixin), so a line leads to its trace and back. A new object every
 * time: pino merges the line's own fields into what the mixin returns.
 */
export function traceLogFields(): TraceLogFields {
  if (!tracingEnabled()) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

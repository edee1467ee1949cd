import { trace } from '@opentelemetry/api';
import { tracingEnabled } from './tracing';

export interface TraceLogFields {
  traceId?: string;
  spanId?: string;
}

const NONE: TraceLogFields = Object.freeze({});

/** The active span's ids for a log line (pino mixin), so a line leads to its trace and back. */
export function traceLogFields(): TraceLogFields {
  if (!tracingEnabled()) return NONE;
  const span = trace.getActiveSpan();
  if (!span) return NONE;
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

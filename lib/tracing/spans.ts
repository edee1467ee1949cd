import {
  context,
  SpanStatusCode,
  type Attributes,
  type Context,
  type Span,
  type SpanKind,
} from '@opentelemetry/api';
import { tracerOf, tracingEnabled, type TracedService } from './tracing';

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; by default the active context. */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span of `service`, ended when `work` settles; a thrown error marks the span
 * failed and is rethrown. With tracing off, `work` runs as is: no span, not even a no-op one.
 */
export function withSpan<T>(
  service: TracedService,
  name: string,
  options: SpanOptions,
  work: (span?: Span) => Promise<T>,
): Promise<T> {
  if (!tracingEnabled()) return work();
  return tracerOf(service).startActiveSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    options.parent ?? context.active(),
    async (span) => {
      try {
        return await work(span);
      } catch (error) {
        markFailed(span, error);
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** Records an error on a span and sets its status to ERROR. */
export function markFailed(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}

import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { randomBytes } from 'node:crypto';

/** A client's own span, as a W3C `traceparent` header: what a traced caller of the gateway sends. */
export function clientTraceparent(): { traceId: string; spanId: string; header: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, header: `00-${traceId}-${spanId}-01` };
}

/** Which service made a span: its tracer's name (gateway, a subgraph, training-worker, or Apollo's). */
export const serviceOf = (span: ReadableSpan) => span.instrumentationScope.name;

export const parentIdOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

/** The finished spans of one trace. */
export function spansOfTrace(exporter: InMemorySpanExporter, traceId: string): ReadableSpan[] {
  return exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
}

/** The chain of span names from `span` up to the trace's root (or to a parent that is not among `spans`). */
export function ancestry(span: ReadableSpan, spans: ReadableSpan[]): ReadableSpan[] {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  const chain: ReadableSpan[] = [];
  for (let current = byId.get(parentIdOf(span) ?? ''); current; current = byId.get(parentIdOf(current) ?? ''))
    chain.push(current);
  return chain;
}

/** The one span matching `match`; fails with what there was when there is not exactly one. */
export function onlySpan(spans: ReadableSpan[], match: (span: ReadableSpan) => boolean): ReadableSpan {
  const found = spans.filter(match);
  if (found.length !== 1) {
    const seen = spans.map((s) => `${serviceOf(s)}:${s.name}`).join(', ');
    throw new Error(`expected one matching span, found ${found.length} among: ${seen}`);
  }
  return found[0];
}

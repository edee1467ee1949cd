import { Writable } from 'node:stream';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createLogger } from '../../logger';
import type { RouteHandler } from '../../server/http-server';
import { tracedRoute } from '../http-spans';
import { contextFromCarrier, currentTraceCarrier, injectTraceContext } from '../propagation';
import { withSpan } from '../spans';
import { startConfiguredTracing, startTracing, stopTracing, tracingEnabled } from '../tracing';
import { clientTraceparent } from './span-tree';

function logLines() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('switch-test', 'info', sink), lines };
}

describe('tracing turned off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('registers nothing without an endpoint', async () => {
    expect(await startConfiguredTracing({ tracing: {} })).toBe(false);
    expect(tracingEnabled()).toBe(false);
  });

  it('runs work without making a span and leaves routes as they are', async () => {
    let active: unknown = 'not run';
    await withSpan('gateway', 'anything', {}, async (span) => {
      active = span ?? trace.getActiveSpan();
    });
    expect(active).toBeUndefined();
    const handler: RouteHandler = () => undefined;
    expect(tracedRoute('gateway', '/graphql', handler)).toBe(handler);
  });

  it('carries no trace context and writes no trace ids in logs', async () => {
    expect(currentTraceCarrier()).toBeUndefined();
    expect(injectTraceContext({ a: 'b' })).toEqual({ a: 'b' });
    const { logger, lines } = logLines();
    logger.info({ field: 1 }, 'untraced');
    expect(lines[0]).toMatchObject({ msg: 'untraced', field: 1 });
    expect(lines[0]).not.toHaveProperty('traceId');
  });
});

describe('tracing turned on', () => {
  const exporter = new InMemorySpanExporter();
  beforeAll(() => {
    startTracing({ spanProcessor: () => new SimpleSpanProcessor(exporter) });
  });
  afterAll(() => stopTracing());

  it('continues a received traceparent and carries it on, and logs carry the trace id', async () => {
    const client = clientTraceparent();
    const { logger, lines } = logLines();
    let carried: Record<string, string> | undefined;
    await withSpan(
      'registry',
      'work',
      { parent: contextFromCarrier({ traceparent: client.header }) },
      async () => {
        logger.info('inside');
        carried = currentTraceCarrier();
      },
    );
    logger.info('outside');

    const [span] = exporter.getFinishedSpans().filter((s) => s.name === 'work');
    expect(span.spanContext().traceId).toBe(client.traceId);
    expect(span.parentSpanContext?.spanId).toBe(client.spanId);
    expect(carried?.traceparent).toBe(`00-${client.traceId}-${span.spanContext().spanId}-01`);
    expect(lines[0]).toMatchObject({
      msg: 'inside',
      traceId: client.traceId,
      spanId: span.spanContext().spanId,
    });
    expect(lines[1]).not.toHaveProperty('traceId');
  });

  it('starts a new trace for a request without traceparent, whatever context is active', async () => {
    const client = clientTraceparent();
    await withSpan('gateway', 'outer', { parent: contextFromCarrier({ traceparent: client.header }) }, () =>
      withSpan('registry', 'received', { parent: contextFromCarrier({}) }, async () => undefined),
    );
    const received = exporter.getFinishedSpans().find((s) => s.name === 'received')!;
    expect(received.spanContext().traceId).not.toBe(client.traceId);
    expect(received.parentSpanContext).toBeUndefined();
  });

  it('marks a failed span and rethrows', async () => {
    await expect(
      withSpan('inference', 'failing', {}, async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const failed = exporter.getFinishedSpans().find((s) => s.name === 'failing')!;
    expect(failed.status).toMatchObject({ code: 2, message: 'boom' });
    expect(failed.events.map((e) => e.name)).toContain('exception');
  });

  it('names each service in its spans’ resource', async () => {
    await withSpan('observability', 'named', {}, async () => undefined);
    const named = exporter.getFinishedSpans().find((s) => s.name === 'named')!;
    expect(named.resource.attributes['service.name']).toBe('mlaas-observability');
    expect(named.instrumentationScope.name).toBe('observability');
  });
});

import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { DefaultLogger, type LogContext, type LoggerOptions } from '@mikro-orm/core';
import { tracerOf, tracingEnabled, type TracedService } from './tracing';

export interface SqlSpanOptions {
  service: TracedService;
  /** `postgresql` or `sqlite`, for `db.system.name`. */
  system: string;
  /** The subgraph's schema (PostgreSQL) or file (SQLite), for `db.namespace`. */
  namespace: string;
}

/**
 * MikroORM's logger, which also turns every executed statement into a CLIENT span of the current trace.
 * MikroORM tells its logger of a query once it has run (with how long it took), so the span is recorded
 * after the fact with its real start time. The statement is the one MikroORM logs without `query-params`:
 * placeholders, never parameter values.
 */
export class SqlSpanLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly spans: SqlSpanOptions,
  ) {
    super(options);
  }

  override logQuery(context: { query: string } & LogContext): void {
    super.logQuery(context);
    // Statements without a duration are transaction bookkeeping (begin, commit, savepoints).
    if (!tracingEnabled() || context.took === undefined || this.isEnabled('query-params', context)) return;
    const end = Date.now();
    const operation = /^\s*(\w+)/.exec(context.query)?.[1]?.toUpperCase() ?? 'SQL';
    const span = tracerOf(this.spans.service).startSpan(`${operation} ${this.spans.namespace}`, {
      kind: SpanKind.CLIENT,
      startTime: end - context.took,
      attributes: {
        'db.system.name': this.spans.system,
        'db.namespace': this.spans.namespace,
        'db.operation.name': operation,
        'db.query.text': context.query,
      },
    });
    if (context.level === 'error') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  }
}

/** MikroORM's `loggerFactory` for a traced database; undefined (MikroORM's default) when tracing is off. */
export function sqlSpanLoggerFactory(
  spans: SqlSpanOptions,
): ((options: LoggerOptions) => DefaultLogger) | undefined {
  if (!tracingEnabled()) return undefined;
  return (options) => new SqlSpanLogger(options, spans);
}

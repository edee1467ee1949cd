import { Counter } from 'prom-client';
import type { Logger } from '../logger';
import type { ServiceMetrics } from '../metrics';
import { AUDIT_STREAM, type AuditEvent } from '../stream/audit-stream';
import type { EventStream } from '../stream/event-stream';
import { StreamAppendQueue } from '../stream/stream-append-queue';
import type { AuditRecorder } from './audit-plugin';

export interface AuditQueueOptions {
  stream: EventStream;
  /** AUDIT_STREAM_MAXLEN. */
  streamMaxLength: number;
  /** AUDIT_EVENTS_QUEUE_MAX. */
  queueMax: number;
  metrics: ServiceMetrics;
  logger: Logger;
}

/** The audit recorder of one subgraph: events go to AUDIT_STREAM in the background, counted when dropped. */
export function createAuditQueue(options: AuditQueueOptions): AuditRecorder & { flush(): Promise<void> } {
  const dropped = new Counter({
    name: 'mlaas_audit_events_dropped_total',
    help: 'Audit events dropped: the queue to the audit stream was full, or the stream refused them',
    registers: [options.metrics.registry],
  });
  const queue = new StreamAppendQueue<AuditEvent>({
    stream: options.stream,
    streamName: AUDIT_STREAM,
    streamMaxLength: options.streamMaxLength,
    queueMax: options.queueMax,
    onDrop: (count) => dropped.inc(count),
    logger: options.logger,
    label: 'audit events',
  });
  return { record: (event) => queue.push([event]), flush: () => queue.flush() };
}

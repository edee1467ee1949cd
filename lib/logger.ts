import pino from 'pino';
import { traceLogFields } from './tracing/log-fields';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; `service` names the process part that wrote the line. A line written inside a traced
 * request, job or model run carries its `traceId` and `spanId`.
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
  };
  return destination ? pino(options, destination) : pino(options);
}

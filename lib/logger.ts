import pino from 'pino';
import { REDACTED, REDACTED_PATHS, scrubSecrets, serializeError } from './log-redaction';
import { traceLogFields } from './tracing/log-fields';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; `service` names the process part that wrote the line. A line written inside a traced
 * request, job or model run carries its `traceId` and `spanId`. No line carries a credential, a password hash, a
 * presigned URL's signature or a SQL statement's values (see log-redaction.ts).
 */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: traceLogFields,
    redact: { paths: REDACTED_PATHS, censor: REDACTED },
    serializers: { err: serializeError, error: serializeError },
    hooks: { streamWrite: scrubSecrets },
  };
  return destination ? pino(options, destination) : pino(options);
}

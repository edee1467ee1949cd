import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; `service` names the process part that wrote the line. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}

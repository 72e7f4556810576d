import pino, { type DestinationStream, type Logger } from 'pino';
import { withoutQueryValues } from './query-errors.ts';

// Any key that names a credential is replaced wherever it appears, at any depth.
const sensitiveKey = /authorization|cookie|password|secret|token|api[-_]?key|access[-_]?key/i;
const REDACTED = '[redacted]';

function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = sensitiveKey.test(key) ? REDACTED : redactDeep(inner, depth + 1);
  }
  return out;
}

/** JSON lines for one Callmine process (`service` names it: callmine-server, callmine-worker). */
export function createLogger(options: {
  service: string;
  level: string;
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      // Errors keep type and message but never the request that caused them, nor a failed query's bound values.
      serializers: { err: (error) => pino.stdSerializers.err(withoutQueryValues(error) as Error) },
    },
    options.destination,
  );
}

export { type PerTurnDestination, perTurnDestination } from './per-turn.ts';
export { errorSummary, withoutQueryValues } from './query-errors.ts';
export type { Logger };

import pino, { type DestinationStream, type Logger } from 'pino';

// The worker's JSON logger: the same redaction as the server's (any key naming a credential is replaced at any
// depth), tagged with the worker's service name.
const sensitiveKey = /authorization|cookie|password|secret|token|api[-_]?key|access[-_]?key/i;

function redactDeep(value: unknown, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = sensitiveKey.test(key) ? '[redacted]' : redactDeep(inner, depth + 1);
  }
  return out;
}

export function createLogger(options: { level: string; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'callmine-worker' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
    },
    options.destination,
  );
}

export type { Logger };

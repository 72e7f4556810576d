// "The database is not answering" (PostgreSQL restarting, the network gone), as opposed to a statement that failed:
// the worker pauses and retries the former without spending a job's attempt. The reason is put in words from the
// error's code alone, never from the driver's message (which might quote connection details).

// Node's socket codes and PostgreSQL's SQLSTATEs that mean the server went away or is not taking connections.
const socketCodes: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};
const sqlStates: Record<string, string> = {
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up or shutting down',
  '53300': 'too many connections',
};
// node-postgres's own errors for a connection that died or never came (they carry no code).
const driverMessages: [RegExp, string][] = [
  [/^Connection terminated/, 'connection lost'],
  [/is not queryable$/, 'connection lost'],
  [/^timeout exceeded when trying to connect$/, 'timed out'],
];

/** The reason in words when `error` (or an error it wraps, e.g. drizzle's query error) means the database is
 *  unreachable; undefined for any other failure. */
export function databaseUnavailableReason(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code in socketCodes) return socketCodes[code];
      if (code in sqlStates) return sqlStates[code];
      // Class 08: connection exception (PostgreSQL's).
      if (/^08[0-9A-Z]{3}$/.test(code)) return 'connection failure';
    }
    for (const [pattern, reason] of driverMessages) if (pattern.test(current.message)) return reason;
    current = current.cause;
  }
  return undefined;
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return databaseUnavailableReason(error) !== undefined;
}

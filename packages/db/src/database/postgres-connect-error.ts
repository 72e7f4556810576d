// Start-up fails with one line an operator can act on: the variable, where it points, and why, never the password
// (nor the URL, which holds it). The driver's error is not chained as `cause`: nothing of it reaches a log unvetted.

export const DATABASE_URL_VARIABLE = 'CALLMINE_DATABASE_URL';

/** host:port of a postgres:// URL, for messages. Never includes the user or password. */
export function describeTarget(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'an unparseable URL';
  }
  const socketHost = parsed.searchParams.get('host');
  const host = socketHost ?? (parsed.hostname || 'localhost');
  return `${host}:${parsed.port || '5432'}`;
}

// PostgreSQL's SQLSTATEs and Node's socket codes that mean "can't reach" or "can't get in", in words.
const reasons: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  '28P01': 'password authentication failed',
  '28000': 'authentication refused',
  '3D000': 'the database does not exist',
  '53300': 'too many connections',
  '57P03': 'the server is starting up or shutting down',
};

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in reasons) return reasons[code]!;
  const message = error instanceof Error ? error.message : '';
  if (/timeout/i.test(message)) return 'timed out';
  // An unknown failure names its code only: a driver message might quote parts of the URL.
  return typeof code === 'string' ? `error ${code}` : 'connection failed';
}

/** The one-line error for a database that can't be reached or authenticated. */
export function connectError(url: string, error: unknown): Error {
  const failure = new Error(
    `${DATABASE_URL_VARIABLE}: cannot connect to PostgreSQL at ${describeTarget(url)}: ${reasonOf(error)}`,
  );
  failure.name = 'DatabaseConnectError';
  return failure;
}

/** True for connectError's error: main.ts prints its one line and exits instead of a stack trace. */
export function isDatabaseConnectError(error: unknown): error is Error {
  return error instanceof Error && error.name === 'DatabaseConnectError';
}

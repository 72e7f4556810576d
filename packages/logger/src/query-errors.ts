// A failed query's error from drizzle (DrizzleQueryError) carries the statement's bound values twice: in its message
// ("Failed query: … params: …") and in a `params` field. Those values can be a sealed secret, a token's hash, an
// OAuth state or an email, so nothing Callmine logs or stores keeps them; the SQL text (no values) stays.

const MAX_DEPTH = 8;

function isQueryError(error: Error): error is Error & { query: unknown; params: unknown } {
  return 'query' in error && 'params' in error;
}

/** The error, or a copy of it and its causes without any query's bound values. */
export function withoutQueryValues(error: unknown, depth = 0): unknown {
  if (!(error instanceof Error) || depth > MAX_DEPTH) return error;
  const cause = 'cause' in error ? withoutQueryValues(error.cause, depth + 1) : undefined;
  const query = isQueryError(error);
  if (!query && cause === error.cause) return error;
  const message = query ? `Failed query: ${String(error.query)}` : error.message;
  const copy = new Error(message, 'cause' in error ? { cause } : undefined);
  copy.name = error.name;
  const frames = error.stack?.indexOf('\n    at ') ?? -1;
  copy.stack = `${error.name}: ${message}${frames >= 0 ? error.stack?.slice(frames) : ''}`;
  const fields = copy as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(error)) {
    if (key !== 'params' && key !== 'cause') fields[key] = value;
  }
  return copy;
}

/** `Name: message` of an error for a stored reason (a job's last error), without a query's bound values. */
export function errorSummary(error: unknown): string {
  const safe = withoutQueryValues(error);
  return safe instanceof Error ? `${safe.name}: ${safe.message}` : 'unknown error';
}

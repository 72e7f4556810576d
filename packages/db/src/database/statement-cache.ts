// A per-connection cache of better-sqlite3 statements by SQL text. drizzle prepares a new statement for every query
// it runs (SQLite parses and plans the text again each time); the same few texts make up nearly all of Callmine's
// traffic, so reusing the compiled statement saves that work on every request.
import type BetterSqlite from 'better-sqlite3';

/** Enough for every query text the server and the worker use; texts that vary (an `IN` list's length) age out. */
const DEFAULT_CAPACITY = 500;

/**
 * Gives drizzle's session a client whose `prepare` answers from the cache. Safe because better-sqlite3 runs a
 * statement to completion synchronously (no two uses overlap; drizzle never iterates lazily), and because the one
 * per-statement mode drizzle changes, `raw()`, is switched back off on every reuse (drizzle switches it on again
 * where it wants arrays). SQLite re-plans a cached statement by itself after a schema change.
 */
export function cacheStatements(session: object, sqlite: BetterSqlite.Database, capacity = DEFAULT_CAPACITY) {
  const cache = new Map<string, BetterSqlite.Statement>();
  const prepare = (source: string): BetterSqlite.Statement => {
    const cached = cache.get(source);
    if (cached) {
      if (cached.reader) cached.raw(false);
      return cached;
    }
    const statement = sqlite.prepare(source);
    if (cache.size >= capacity) {
      // Map keeps insertion order: drop the oldest text.
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(source, statement);
    return statement;
  };
  const client = new Proxy(sqlite, {
    get(target, property) {
      if (property === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  (session as { client: BetterSqlite.Database }).client = client;
  return { size: () => cache.size };
}

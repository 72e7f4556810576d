/// <reference path="./store-abstract.d.ts" />
// rate-limiter-flexible's store contract (upsert / get / delete of a `key, points, expire` row) over Callmine's data
// layer, for SQLite. The library's own RateLimiterSQLite takes the raw better-sqlite3 connection and runs its own
// transaction on it: that bypasses the data layer's turn-taking on the one shared connection, so its write could land
// inside another request's open BEGIN IMMEDIATE and commit or roll back with it. RateLimiterDrizzle imports
// drizzle-orm by a computed name, which pnpm's strict layout and the server bundle don't resolve. Here every
// statement goes through `Db` (awaited, taking its turn), and each is one atomic upsert … RETURNING.
import type { Db } from '@callmine/db';
import { eq, lt, sql } from 'drizzle-orm';
import { RateLimiterRes } from 'rate-limiter-flexible';
import StoreAbstract from 'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js';

interface Row {
  points: number;
  expire: number | null;
}

export interface DataLayerLimiterOptions {
  db: Db;
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
}

const SWEEP_EVERY_MS = 5 * 60_000;
const SWEEP_AFTER_MS = 60 * 60_000;

export class DataLayerRateLimiter extends StoreAbstract {
  readonly #db: Db;

  constructor(options: DataLayerLimiterOptions) {
    const { db, ...limits } = options;
    super({ ...limits, storeClient: db });
    this.#db = db;
  }

  /** The library calls this for consume (forceExpire false), penalty, reward, block and set (forceExpire true). */
  async _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const t = this.#db.tables.apiRateLimit;
    const now = Date.now();
    const expire = msDuration > 0 ? now + msDuration : null;
    // A window that has ended starts again from these points; otherwise they add up within it.
    const ended = sql`(${t.expire} IS NOT NULL AND ${t.expire} <= ${now})`;
    const [row] = await this.#db
      .insert(t)
      .values({ key: rlKey, points, expire })
      .onConflictDoUpdate({
        target: t.key,
        set: forceExpire
          ? { points, expire }
          : {
              points: sql`CASE WHEN ${ended} THEN ${points} ELSE ${t.points} + ${points} END`,
              expire: sql`CASE WHEN ${ended} THEN ${expire} ELSE ${t.expire} END`,
            },
      })
      .returning({ points: t.points, expire: t.expire });
    if (!row) throw new Error('rate limit upsert returned no row');
    return row;
  }

  async _get(rlKey: string): Promise<Row | null> {
    const t = this.#db.tables.apiRateLimit;
    const [row] = await this.#db
      .select({ points: t.points, expire: t.expire })
      .from(t)
      .where(eq(t.key, rlKey))
      .limit(1);
    if (!row || (row.expire !== null && row.expire <= Date.now())) return null;
    return row;
  }

  async _delete(rlKey: string): Promise<boolean> {
    const t = this.#db.tables.apiRateLimit;
    const deleted = await this.#db.delete(t).where(eq(t.key, rlKey)).returning({ key: t.key });
    return deleted.length > 0;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, row: Row): RateLimiterRes {
    const msBeforeNext = row.expire === null ? -1 : Math.max(row.expire - Date.now(), 0);
    const remaining = Math.max(this.points - row.points, 0);
    return new RateLimiterRes(remaining, msBeforeNext, row.points, changedPoints === row.points);
  }
}

/** Deletes windows that ended an hour ago, every five minutes (as the library's own stores do), on either dialect. */
export function sweepEndedWindows(db: Db): () => void {
  const timer = setInterval(() => {
    const t = db.tables.apiRateLimit;
    // Losing a sweep costs only a few stale rows; the next one catches up.
    db.delete(t)
      .where(lt(t.expire, Date.now() - SWEEP_AFTER_MS))
      .catch(() => undefined);
  }, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

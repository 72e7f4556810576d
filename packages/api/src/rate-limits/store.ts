// Where the API's rate limits count: in the database every server process shares, so N servers behind a load
// balancer enforce one limit, not N. PostgreSQL: rate-limiter-flexible's own RateLimiterPostgres on the data layer's
// pool (its single upsert … RETURNING is atomic; the table is the migration's, so it never creates one).
// SQLite: the same rows through the data layer (data-layer-store.ts says why not the library's SQLite store).
import type { Database, PostgresDatabase } from '@callmine/db';
import { type RateLimiterAbstract, RateLimiterPostgres } from 'rate-limiter-flexible';
import { DataLayerRateLimiter, sweepEndedWindows } from './data-layer-store.ts';

export interface LimiterShape {
  /** Names the limit; stored keys are `<keyPrefix>:<hash>`. */
  keyPrefix: string;
  points: number;
  /** Window in seconds. */
  duration: number;
}

export interface RateLimitStore {
  limiter(shape: LimiterShape): RateLimiterAbstract;
  /** Stops the sweep of ended windows (before the database closes). */
  close(): void;
}

const TABLE = 'api_rate_limit';

export function databaseRateLimitStore(database: Database): RateLimitStore {
  // One sweep of ended windows for the whole table, through the data layer on both dialects (the library's own
  // sweep would run once per limiter and could not be stopped before the pool closes).
  const stopSweeping = sweepEndedWindows(database.db);
  if (database.dialect === 'postgres') {
    const { pool } = database as PostgresDatabase;
    return {
      limiter: (shape) =>
        new RateLimiterPostgres({
          ...shape,
          storeClient: pool,
          storeType: 'pool',
          tableName: TABLE,
          tableCreated: true,
          clearExpiredByTimeout: false,
        }),
      close: stopSweeping,
    };
  }
  return {
    limiter: (shape) => new DataLayerRateLimiter({ db: database.db, ...shape }),
    close: stopSweeping,
  };
}

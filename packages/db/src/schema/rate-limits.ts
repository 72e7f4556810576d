// The API's rate limits (sign-in failures, Gong connect attempts, API-token calls, sign-ups), counted here so every
// server process behind a load balancer counts in one tally. Rows are rate-limiter-flexible's: on PostgreSQL its own
// RateLimiterPostgres reads and writes this table (tableCreated: true, so the migration owns it); on SQLite the api's
// store does the same upsert through the data layer. Keys are prefixed hashes, never an email, address or token.
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Column order matters: RateLimiterPostgres inserts `VALUES (key, points, expire)` by position. */
export const apiRateLimit = sqliteTable('api_rate_limit', {
  /** `<limit name>:<sha-256 of the subject>`. */
  key: text('key').primaryKey(),
  /** Points used in the window that ends at `expire`. */
  points: integer('points').notNull().default(0),
  /** End of the window (epoch ms); null never expires (unused today). */
  expire: integer('expire'),
});

// The API's rate limits shared by every server process: see src/schema/rate-limits.ts. The columns are the ones
// rate-limiter-flexible's RateLimiterPostgres creates itself (key, points, expire as epoch ms), in its order.
import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';

export const apiRateLimit = pgTable('api_rate_limit', {
  key: text('key').primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

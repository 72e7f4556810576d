// One canary per master key id: a known value sealed under that key, checked at start-up so a wrong or
// missing key stops the process before any credential is needed. Never holds key material.
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const vaultKeyCanary = sqliteTable('vault_key_canary', {
  keyId: text('key_id').primaryKey(),
  /** A vault envelope of a fixed, non-secret value. */
  envelope: text('envelope').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
});

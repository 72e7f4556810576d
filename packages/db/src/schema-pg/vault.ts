// One canary per master key id: a known value sealed under that key, checked at start-up so a wrong or
// missing key stops the process before any credential is needed. Never holds key material.
import { pgTable, text } from 'drizzle-orm/pg-core';
import { timestampMs } from './columns.ts';

export const vaultKeyCanary = pgTable('vault_key_canary', {
  keyId: text('key_id').primaryKey(),
  /** A vault envelope of a fixed, non-secret value. */
  envelope: text('envelope').notNull(),
  createdAt: timestampMs('created_at').notNull().defaultNow(),
});

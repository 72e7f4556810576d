// Who is refreshing a workspace's Gong OAuth token right now. Worker processes share the SQLite file, and Gong
// rotates refresh tokens (the old one dies on use), so two refreshes of one pair would make the second fail and
// lose the connection: a worker first claims the credential version here (one atomic upsert), makes the network
// call, then swaps the new pair in and deletes its claim in one transaction. Everyone else waits for the version
// to move and uses the new pair. A claim left by a crashed worker lapses at `claimedUntil`.
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { organization } from './auth.ts';
import { timestampMs } from './columns.ts';

export const gongTokenRefresh = pgTable('gong_token_refresh', {
  workspaceId: text('workspace_id')
    .primaryKey()
    .references(() => organization.id, { onDelete: 'cascade' }),
  /** The gong_credential row being refreshed (its id changes when Gong is disconnected and connected again). */
  credentialId: text('credential_id').notNull(),
  /** Its version; a claim for another row or an older version is void. */
  credentialVersion: integer('credential_version').notNull(),
  /** Random per refresh attempt: only the claimant may complete or release it. */
  claimId: text('claim_id').notNull(),
  claimedUntil: timestampMs('claimed_until').notNull(),
});

// The webhook endpoints' signing secrets, for key rotation (see store.ts): one sealed column per endpoint row,
// paged and rewrapped like the Gong credential columns, with the same compare-and-set against a concurrent write.
import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../database/types.ts';

export interface SealedWebhookSecret {
  endpointId: string;
  workspaceId: string;
  sealed: string;
}

const startsWith = (column: SQLiteColumn, prefix: string): SQL =>
  sql`substr(${column}, 1, ${prefix.length}) = ${prefix}`;

export function webhookSecretStore(db: Db) {
  const { webhookEndpoint } = db.tables;
  const selection = {
    endpointId: webhookEndpoint.id,
    workspaceId: webhookEndpoint.workspaceId,
    sealed: webhookEndpoint.secretSealed,
  };
  return {
    /** The sealed column, for the key-usage grouping. */
    column: webhookEndpoint.secretSealed as SQLiteColumn,
    table: webhookEndpoint,

    async sampleWebhookSecret(prefix: string): Promise<SealedWebhookSecret | undefined> {
      const [row] = await db
        .select(selection)
        .from(webhookEndpoint)
        .where(startsWith(webhookEndpoint.secretSealed, prefix))
        .limit(1);
      return row;
    },

    async webhookSecretsNotMatching(
      prefix: string,
      after: string | null,
      limit: number,
    ): Promise<SealedWebhookSecret[]> {
      const stale = sql`not ${startsWith(webhookEndpoint.secretSealed, prefix)}`;
      return db
        .select(selection)
        .from(webhookEndpoint)
        .where(after === null ? stale : and(gt(webhookEndpoint.id, after), stale))
        .orderBy(asc(webhookEndpoint.id))
        .limit(limit);
    },

    async compareAndSetWebhookSecrets(
      updates: Array<{ endpointId: string; expected: string; next: string }>,
    ): Promise<number> {
      // A secret regenerated meanwhile wins: the row changes only if it still holds what was read.
      return db.transaction(async (tx) => {
        let changed = 0;
        for (const { endpointId, expected, next } of updates) {
          const updated = await tx
            .update(webhookEndpoint)
            .set({ secretSealed: next })
            .where(and(eq(webhookEndpoint.id, endpointId), eq(webhookEndpoint.secretSealed, expected)))
            .returning({ id: webhookEndpoint.id });
          changed += updated.length;
        }
        return changed;
      });
    },
  };
}

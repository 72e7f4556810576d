import { and, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../database/types.ts';

/** @callmine/gong's BudgetStore (same shape; the db package does not depend on the Gong client). */
export interface DbBudgetStore {
  take(key: string, day: string, limit: number): Promise<boolean>;
  used(key: string, day: string): Promise<number>;
}

/**
 * Gong's daily request budget counted in SQLite, so a restarted worker (or a second one) does not start the day's
 * count again, and the server's validation requests count in the same budget. One conditional upsert per request: a single statement, atomic on its own (SQLite's write lock; on PostgreSQL
 * ON CONFLICT DO UPDATE … WHERE locks the row), so it needs no transaction or lock key.
 */
export function createDbBudgetStore(db: Db): DbBudgetStore {
  const t = db.tables.gongRequestBudget;
  return {
    async take(key, day, limit) {
      if (limit <= 0) return false;
      const result = await db
        .insert(t)
        .values({ credentialKey: key, day, used: 1 })
        .onConflictDoUpdate({
          target: [t.credentialKey, t.day],
          set: { used: sql`${t.used} + 1` },
          setWhere: lt(t.used, limit),
        })
        .returning({ used: t.used });
      return result.length === 1;
    },
    async used(key, day) {
      const [row] = await db
        .select({ used: t.used })
        .from(t)
        .where(and(eq(t.credentialKey, key), eq(t.day, day)))
        .limit(1);
      return row?.used ?? 0;
    },
  };
}

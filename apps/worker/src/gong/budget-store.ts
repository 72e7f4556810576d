import { type Db, schema } from '@callmine/db';
import type { BudgetStore } from '@callmine/gong';
import { and, eq, lt, sql } from 'drizzle-orm';

/**
 * Gong's daily request budget counted in SQLite, so a restarted worker (or a second one) does not start the day's
 * count again. One conditional upsert per request: atomic under SQLite's write lock.
 */
export function createSqliteBudgetStore(db: Db): BudgetStore {
  const t = schema.gongRequestBudget;
  return {
    take(key, day, limit) {
      if (limit <= 0) return false;
      const result = db
        .insert(t)
        .values({ credentialKey: key, day, used: 1 })
        .onConflictDoUpdate({
          target: [t.credentialKey, t.day],
          set: { used: sql`${t.used} + 1` },
          setWhere: lt(t.used, limit),
        })
        .run();
      return result.changes === 1;
    },
    used(key, day) {
      const row = db
        .select({ used: t.used })
        .from(t)
        .where(and(eq(t.credentialKey, key), eq(t.day, day)))
        .get();
      return row?.used ?? 0;
    },
  };
}

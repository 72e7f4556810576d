import type { Db } from '@callmine/db';
import { eq } from 'drizzle-orm';

/** Whether the person runs this Callmine (set up the install, or was made operator). */
export async function isOperator(db: Db, userId: string): Promise<boolean> {
  const t = db.tables;
  const [row] = await db
    .select({ userId: t.instanceOperator.userId })
    .from(t.instanceOperator)
    .where(eq(t.instanceOperator.userId, userId))
    .limit(1);
  return row !== undefined;
}

export async function makeOperator(db: Db, userId: string, at: Date): Promise<void> {
  const t = db.tables;
  await db.insert(t.instanceOperator).values({ userId, createdAt: at }).onConflictDoNothing();
}

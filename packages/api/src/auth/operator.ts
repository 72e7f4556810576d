import { type Db, schema } from '@callmine/db';
import { eq } from 'drizzle-orm';

/** Whether the person runs this Callmine (set up the install, or was made operator). */
export async function isOperator(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: schema.instanceOperator.userId })
    .from(schema.instanceOperator)
    .where(eq(schema.instanceOperator.userId, userId))
    .limit(1);
  return row !== undefined;
}

export async function makeOperator(db: Db, userId: string, at: Date): Promise<void> {
  await db.insert(schema.instanceOperator).values({ userId, createdAt: at }).onConflictDoNothing();
}

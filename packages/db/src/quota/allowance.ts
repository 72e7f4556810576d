import { and, count, eq, or } from 'drizzle-orm';
import type { Db } from '../open.ts';
import { organization } from '../schema/auth.ts';
import { quotaCharge, workspaceQuota } from '../schema/quota.ts';

// The allowance side of the quota, shared by the worker (charging), the api (usage) and the operator command.

type Reader = Pick<Db, 'select'>;

/** The ledger's month for an instant: the calendar month in UTC, as 'YYYY-MM'. */
export function quotaMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The workspace's monthly allowance: the operator's override if set, else the configured default. */
export function monthlyAllowance(db: Reader, workspaceId: string, operatorDefault: number): number {
  const row = db
    .select({ n: workspaceQuota.monthlyCalls })
    .from(workspaceQuota)
    .where(eq(workspaceQuota.workspaceId, workspaceId))
    .get();
  return row?.n ?? operatorDefault;
}

/** The workspace's override, if an operator set one. */
export function allowanceOverride(db: Reader, workspaceId: string): number | undefined {
  return db
    .select({ n: workspaceQuota.monthlyCalls })
    .from(workspaceQuota)
    .where(eq(workspaceQuota.workspaceId, workspaceId))
    .get()?.n;
}

export function setAllowanceOverride(db: Db, workspaceId: string, monthlyCalls: number, at: Date): void {
  db.insert(workspaceQuota)
    .values({ workspaceId, monthlyCalls, updatedAt: at })
    .onConflictDoUpdate({ target: workspaceQuota.workspaceId, set: { monthlyCalls, updatedAt: at } })
    .run();
}

/** Back to the operator default. */
export function clearAllowanceOverride(db: Db, workspaceId: string): boolean {
  return db.delete(workspaceQuota).where(eq(workspaceQuota.workspaceId, workspaceId)).run().changes > 0;
}

/** Calls charged to the workspace in that month. */
export function monthUsed(db: Reader, workspaceId: string, month: string): number {
  return (
    db
      .select({ n: count() })
      .from(quotaCharge)
      .where(and(eq(quotaCharge.workspaceId, workspaceId), eq(quotaCharge.month, month)))
      .get()?.n ?? 0
  );
}

/** For operator commands: a workspace named by its id or its slug. */
export function workspaceByIdOrSlug(db: Reader, idOrSlug: string) {
  return db
    .select({ id: organization.id, name: organization.name, slug: organization.slug })
    .from(organization)
    .where(or(eq(organization.id, idOrSlug), eq(organization.slug, idOrSlug)))
    .get();
}

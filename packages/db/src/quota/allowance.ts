import { and, asc, count, eq, or, sql } from 'drizzle-orm';
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

export interface WorkspaceRef {
  id: string;
  name: string;
  slug: string;
}

const workspaceColumns = { id: organization.id, name: organization.name, slug: organization.slug };

/** For operator commands: a workspace named by its id or its slug. */
export function workspaceByIdOrSlug(db: Reader, idOrSlug: string): WorkspaceRef | undefined {
  return db
    .select(workspaceColumns)
    .from(organization)
    .where(or(eq(organization.id, idOrSlug), eq(organization.slug, idOrSlug)))
    .get();
}

/** One workspace found, several sharing the name typed (ambiguous), or neither (no match). */
export interface WorkspaceLookup {
  found?: WorkspaceRef;
  ambiguous?: WorkspaceRef[];
}

/**
 * For operator commands: the workspace an operator typed — its id, its slug (both generated, so usually copied from
 * `quota list` or Settings → Usage), or its name as people see it. A name matches exactly, or else ignoring case;
 * two workspaces with that name are reported as ambiguous rather than one picked.
 */
export function findWorkspace(db: Reader, typed: string): WorkspaceLookup {
  const byIdOrSlug = workspaceByIdOrSlug(db, typed);
  if (byIdOrSlug) return { found: byIdOrSlug };
  const named = (where: ReturnType<typeof eq>) =>
    db.select(workspaceColumns).from(organization).where(where).orderBy(asc(organization.createdAt)).all();
  let matches = named(eq(organization.name, typed));
  if (matches.length === 0) matches = named(sql`lower(${organization.name}) = lower(${typed})`);
  if (matches.length === 1 && matches[0]) return { found: matches[0] };
  return matches.length > 1 ? { ambiguous: matches } : {};
}

export interface WorkspaceQuotaRow extends WorkspaceRef {
  /** The operator's allowance for this workspace, or undefined for the configured default. */
  override: number | undefined;
  used: number;
}

/** Every workspace with its allowance override and the month's use, oldest first (for `quota list`). */
export function workspaceQuotas(db: Reader, month: string): WorkspaceQuotaRow[] {
  const used = db
    .select({ workspaceId: quotaCharge.workspaceId, n: count().as('n') })
    .from(quotaCharge)
    .where(eq(quotaCharge.month, month))
    .groupBy(quotaCharge.workspaceId)
    .as('used');
  return db
    .select({ ...workspaceColumns, override: workspaceQuota.monthlyCalls, used: used.n })
    .from(organization)
    .leftJoin(workspaceQuota, eq(workspaceQuota.workspaceId, organization.id))
    .leftJoin(used, eq(used.workspaceId, organization.id))
    .orderBy(asc(organization.createdAt), asc(organization.id))
    .all()
    .map((row) => ({ ...row, override: row.override ?? undefined, used: row.used ?? 0 }));
}

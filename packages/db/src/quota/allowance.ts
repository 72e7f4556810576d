import { and, asc, count, eq, or, sql } from 'drizzle-orm';
import type { Db } from '../database/types.ts';

// The allowance side of the quota, shared by the worker (charging), the api (usage) and the operator command.

type Reader = Pick<Db, 'select' | 'tables'>;

/** The ledger's month for an instant: the calendar month in UTC, as 'YYYY-MM'. */
export function quotaMonth(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The workspace's monthly allowance: the operator's override if set, else the configured default. */
export async function monthlyAllowance(
  db: Reader,
  workspaceId: string,
  operatorDefault: number,
): Promise<number> {
  return (await allowanceOverride(db, workspaceId)) ?? operatorDefault;
}

/** The workspace's override, if an operator set one. */
export async function allowanceOverride(db: Reader, workspaceId: string): Promise<number | undefined> {
  const { workspaceQuota } = db.tables;
  const [row] = await db
    .select({ n: workspaceQuota.monthlyCalls })
    .from(workspaceQuota)
    .where(eq(workspaceQuota.workspaceId, workspaceId))
    .limit(1);
  return row?.n;
}

export async function setAllowanceOverride(
  db: Db,
  workspaceId: string,
  monthlyCalls: number,
  at: Date,
): Promise<void> {
  const { workspaceQuota } = db.tables;
  await db
    .insert(workspaceQuota)
    .values({ workspaceId, monthlyCalls, updatedAt: at })
    .onConflictDoUpdate({ target: workspaceQuota.workspaceId, set: { monthlyCalls, updatedAt: at } });
}

/** Back to the operator default. */
export async function clearAllowanceOverride(db: Db, workspaceId: string): Promise<boolean> {
  const { workspaceQuota } = db.tables;
  const deleted = await db
    .delete(workspaceQuota)
    .where(eq(workspaceQuota.workspaceId, workspaceId))
    .returning({ id: workspaceQuota.workspaceId });
  return deleted.length > 0;
}

/** Calls charged to the workspace in that month. */
export async function monthUsed(db: Reader, workspaceId: string, month: string): Promise<number> {
  const { quotaCharge } = db.tables;
  const [row] = await db
    .select({ n: count() })
    .from(quotaCharge)
    .where(and(eq(quotaCharge.workspaceId, workspaceId), eq(quotaCharge.month, month)));
  return row?.n ?? 0;
}

export interface WorkspaceRef {
  id: string;
  name: string;
  slug: string;
}

const workspaceColumns = ({ organization }: Reader['tables']) => ({
  id: organization.id,
  name: organization.name,
  slug: organization.slug,
});

/** For operator commands: a workspace named by its id or its slug. */
export async function workspaceByIdOrSlug(db: Reader, idOrSlug: string): Promise<WorkspaceRef | undefined> {
  const { organization } = db.tables;
  const [row] = await db
    .select(workspaceColumns(db.tables))
    .from(organization)
    .where(or(eq(organization.id, idOrSlug), eq(organization.slug, idOrSlug)))
    .limit(1);
  return row;
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
export async function findWorkspace(db: Reader, typed: string): Promise<WorkspaceLookup> {
  const byIdOrSlug = await workspaceByIdOrSlug(db, typed);
  if (byIdOrSlug) return { found: byIdOrSlug };
  const { organization } = db.tables;
  const named = (where: ReturnType<typeof eq>) =>
    db
      .select(workspaceColumns(db.tables))
      .from(organization)
      .where(where)
      .orderBy(asc(organization.createdAt));
  let matches = await named(eq(organization.name, typed));
  if (matches.length === 0) matches = await named(sql`lower(${organization.name}) = lower(${typed})`);
  if (matches.length === 1 && matches[0]) return { found: matches[0] };
  return matches.length > 1 ? { ambiguous: matches } : {};
}

export interface WorkspaceQuotaRow extends WorkspaceRef {
  /** The operator's allowance for this workspace, or undefined for the configured default. */
  override: number | undefined;
  used: number;
}

/** Every workspace with its allowance override and the month's use, oldest first (for `quota list`). */
export async function workspaceQuotas(db: Reader, month: string): Promise<WorkspaceQuotaRow[]> {
  const { organization, quotaCharge, workspaceQuota } = db.tables;
  const used = db
    .select({ workspaceId: quotaCharge.workspaceId, n: count().as('n') })
    .from(quotaCharge)
    .where(eq(quotaCharge.month, month))
    .groupBy(quotaCharge.workspaceId)
    .as('used');
  const rows = await db
    .select({ ...workspaceColumns(db.tables), override: workspaceQuota.monthlyCalls, used: used.n })
    .from(organization)
    .leftJoin(workspaceQuota, eq(workspaceQuota.workspaceId, organization.id))
    .leftJoin(used, eq(used.workspaceId, organization.id))
    .orderBy(asc(organization.createdAt), asc(organization.id));
  return rows.map((row) => ({ ...row, override: row.override ?? undefined, used: row.used ?? 0 }));
}

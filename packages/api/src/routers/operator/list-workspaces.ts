import type { OperatorWorkspaceView } from '@callmine/contracts';
import { type Db, quotaMonth, workspaceQuotas } from '@callmine/db';
import { count, eq } from 'drizzle-orm';

/**
 * Every workspace as the operator sees it: name, members, Gong status, the month's use against its allowance.
 * Never its calls, reports or secrets: only counts and statuses are selected.
 */
export async function listWorkspaces(
  db: Db,
  now: Date,
  defaultAllowance: number,
): Promise<OperatorWorkspaceView[]> {
  const month = quotaMonth(now);
  const t = db.tables;
  const [quotas, details, members] = [
    await workspaceQuotas(db, month),
    await db
      .select({
        id: t.organization.id,
        createdAt: t.organization.createdAt,
        gong: t.gongCredential.status,
        suspendedAt: t.workspaceSuspension.suspendedAt,
      })
      .from(t.organization)
      .leftJoin(t.gongCredential, eq(t.gongCredential.workspaceId, t.organization.id))
      .leftJoin(t.workspaceSuspension, eq(t.workspaceSuspension.workspaceId, t.organization.id)),
    await db
      .select({ id: t.member.organizationId, n: count() })
      .from(t.member)
      .groupBy(t.member.organizationId),
  ];
  const detailOf = new Map(details.map((d) => [d.id, d]));
  const membersOf = new Map(members.map((m) => [m.id, m.n]));
  return quotas.map((q) => {
    const detail = detailOf.get(q.id);
    return {
      id: q.id,
      name: q.name,
      slug: q.slug,
      createdAt: (detail?.createdAt ?? new Date(0)).toISOString(),
      memberCount: membersOf.get(q.id) ?? 0,
      gong: detail?.gong ?? 'not-connected',
      suspended: (detail?.suspendedAt ?? null) !== null,
      usage: {
        month,
        used: q.used,
        allowance: q.override ?? defaultAllowance,
        overridden: q.override !== undefined,
      },
    };
  });
}

export async function operatorWorkspace(
  db: Db,
  id: string,
  now: Date,
  defaultAllowance: number,
): Promise<OperatorWorkspaceView | undefined> {
  return (await listWorkspaces(db, now, defaultAllowance)).find((w) => w.id === id);
}

import type { SessionView, WorkspaceRole } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { and, asc, eq } from 'drizzle-orm';

export interface Membership {
  memberId: string;
  role: WorkspaceRole;
  workspaceId: string;
  workspaceName: string;
}

/** The user's membership in the session's active workspace, or their oldest one when none is active. */
export async function findMembership(
  db: Db,
  userId: string,
  activeWorkspaceId?: string | null,
): Promise<Membership | undefined> {
  const t = db.tables;
  const [row] = await db
    .select({
      memberId: t.member.id,
      role: t.member.role,
      workspaceId: t.organization.id,
      workspaceName: t.organization.name,
    })
    .from(t.member)
    .innerJoin(t.organization, eq(t.organization.id, t.member.organizationId))
    .where(
      activeWorkspaceId
        ? and(eq(t.member.userId, userId), eq(t.member.organizationId, activeWorkspaceId))
        : eq(t.member.userId, userId),
    )
    .orderBy(asc(t.member.createdAt))
    .limit(1);
  return row ? { ...row, role: row.role as WorkspaceRole } : undefined;
}

export function toSessionView(user: { id: string; name: string; email: string }, m: Membership): SessionView {
  return {
    user: { id: user.id, name: user.name, email: user.email },
    workspace: { id: m.workspaceId, name: m.workspaceName },
    role: m.role,
  };
}

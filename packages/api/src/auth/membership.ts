import type { SessionView, WorkspaceRole } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, asc, eq } from 'drizzle-orm';

export interface Membership {
  memberId: string;
  role: WorkspaceRole;
  workspaceId: string;
  workspaceName: string;
}

/** The user's membership in the session's active workspace, or their oldest one when none is active. */
export function findMembership(
  db: Db,
  userId: string,
  activeWorkspaceId?: string | null,
): Membership | undefined {
  const row = db
    .select({
      memberId: schema.member.id,
      role: schema.member.role,
      workspaceId: schema.organization.id,
      workspaceName: schema.organization.name,
    })
    .from(schema.member)
    .innerJoin(schema.organization, eq(schema.organization.id, schema.member.organizationId))
    .where(
      activeWorkspaceId
        ? and(eq(schema.member.userId, userId), eq(schema.member.organizationId, activeWorkspaceId))
        : eq(schema.member.userId, userId),
    )
    .orderBy(asc(schema.member.createdAt))
    .get();
  return row ? { ...row, role: row.role as WorkspaceRole } : undefined;
}

export function toSessionView(user: { id: string; name: string; email: string }, m: Membership): SessionView {
  return {
    user: { id: user.id, name: user.name, email: user.email },
    workspace: { id: m.workspaceId, name: m.workspaceName },
    role: m.role,
  };
}

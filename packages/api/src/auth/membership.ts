import type { SessionView, WorkspaceRole } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { asc, eq } from 'drizzle-orm';

export interface Membership {
  memberId: string;
  role: WorkspaceRole;
  workspaceId: string;
  workspaceName: string;
  suspended: boolean;
}

/** Every workspace the person belongs to, oldest membership first, suspended ones included (flagged). */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  const t = db.tables;
  const rows = await db
    .select({
      memberId: t.member.id,
      role: t.member.role,
      workspaceId: t.organization.id,
      workspaceName: t.organization.name,
      suspendedAt: t.workspaceSuspension.suspendedAt,
    })
    .from(t.member)
    .innerJoin(t.organization, eq(t.organization.id, t.member.organizationId))
    .leftJoin(t.workspaceSuspension, eq(t.workspaceSuspension.workspaceId, t.member.organizationId))
    .where(eq(t.member.userId, userId))
    .orderBy(asc(t.member.createdAt), asc(t.member.id));
  return rows.map(({ suspendedAt, ...row }) => ({
    ...row,
    role: row.role as WorkspaceRole,
    suspended: suspendedAt !== null,
  }));
}

/** Why a signed-in person has no workspace to act in. */
export type NoWorkspace = 'no-workspace' | 'workspace-suspended';

/**
 * The workspace a person acts in: the session's active one (set by `workspaces.switch`), else — a session that
 * never chose, or whose workspace was left, deleted or suspended — their oldest usable membership. A suspended
 * workspace is never chosen: nobody signs in to it.
 */
export function pickMembership(
  memberships: Membership[],
  activeWorkspaceId: string | null | undefined,
): { ok: true; membership: Membership } | { ok: false; reason: NoWorkspace } {
  const usable = memberships.filter((m) => !m.suspended);
  const chosen = usable.find((m) => m.workspaceId === activeWorkspaceId) ?? usable[0];
  if (chosen) return { ok: true, membership: chosen };
  return { ok: false, reason: memberships.length > 0 ? 'workspace-suspended' : 'no-workspace' };
}

/** The membership a person acts with now, or undefined when they have no usable workspace. */
export async function findMembership(
  db: Db,
  userId: string,
  activeWorkspaceId?: string | null,
): Promise<Membership | undefined> {
  const picked = pickMembership(await listMemberships(db, userId), activeWorkspaceId);
  return picked.ok ? picked.membership : undefined;
}

/** Makes a workspace the session's active one (better-auth's `activeOrganizationId`). */
export async function setActiveWorkspace(db: Db, sessionId: string, workspaceId: string | null) {
  const t = db.tables;
  await db.update(t.session).set({ activeOrganizationId: workspaceId }).where(eq(t.session.id, sessionId));
}

export function toSessionView(user: { id: string; name: string; email: string }, m: Membership): SessionView {
  return {
    user: { id: user.id, name: user.name, email: user.email },
    workspace: { id: m.workspaceId, name: m.workspaceName },
    role: m.role,
  };
}

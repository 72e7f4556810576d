import type { InvitationView, MemberView, WorkspaceRole } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { and, asc, eq, gt } from 'drizzle-orm';

export async function listMembers(db: Db, workspaceId: string): Promise<MemberView[]> {
  const t = db.tables;
  return (
    await db
      .select({
        id: t.member.id,
        userId: t.user.id,
        name: t.user.name,
        email: t.user.email,
        role: t.member.role,
        joinedAt: t.member.createdAt,
      })
      .from(t.member)
      .innerJoin(t.user, eq(t.user.id, t.member.userId))
      .where(eq(t.member.organizationId, workspaceId))
      .orderBy(asc(t.member.createdAt))
  ).map((m) => ({ ...m, role: m.role as WorkspaceRole, joinedAt: m.joinedAt.toISOString() }));
}

export function invitationLink(publicUrl: string, invitationId: string): string {
  return new URL(`/invite/${encodeURIComponent(invitationId)}`, publicUrl).toString();
}

export async function listPendingInvitations(
  db: Db,
  workspaceId: string,
  publicUrl: string,
  now: Date,
): Promise<InvitationView[]> {
  const t = db.tables;
  return (
    await db
      .select()
      .from(t.invitation)
      .where(
        and(
          eq(t.invitation.organizationId, workspaceId),
          eq(t.invitation.status, 'pending'),
          gt(t.invitation.expiresAt, now),
        ),
      )
      .orderBy(asc(t.invitation.createdAt))
  ).map((i) => ({
    id: i.id,
    email: i.email,
    role: (i.role ?? 'member') as WorkspaceRole,
    expiresAt: i.expiresAt.toISOString(),
    link: invitationLink(publicUrl, i.id),
  }));
}

export async function findMember(db: Db, workspaceId: string, memberId: string) {
  const t = db.tables;
  return (
    await db
      .select()
      .from(t.member)
      .where(and(eq(t.member.id, memberId), eq(t.member.organizationId, workspaceId)))
      .limit(1)
  )[0];
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const t = db.tables;
  return (
    await db
      .select({ id: t.member.id })
      .from(t.member)
      .where(and(eq(t.member.organizationId, workspaceId), eq(t.member.role, 'owner')))
  ).length;
}

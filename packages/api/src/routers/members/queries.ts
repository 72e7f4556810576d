import type { InvitationView, MemberView, WorkspaceRole } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { and, asc, eq, gt } from 'drizzle-orm';

export function listMembers(db: Db, workspaceId: string): MemberView[] {
  return db
    .select({
      id: schema.member.id,
      userId: schema.user.id,
      name: schema.user.name,
      email: schema.user.email,
      role: schema.member.role,
      joinedAt: schema.member.createdAt,
    })
    .from(schema.member)
    .innerJoin(schema.user, eq(schema.user.id, schema.member.userId))
    .where(eq(schema.member.organizationId, workspaceId))
    .orderBy(asc(schema.member.createdAt))
    .all()
    .map((m) => ({ ...m, role: m.role as WorkspaceRole, joinedAt: m.joinedAt.toISOString() }));
}

export function invitationLink(publicUrl: string, invitationId: string): string {
  return new URL(`/invite/${encodeURIComponent(invitationId)}`, publicUrl).toString();
}

export function listPendingInvitations(
  db: Db,
  workspaceId: string,
  publicUrl: string,
  now: Date,
): InvitationView[] {
  return db
    .select()
    .from(schema.invitation)
    .where(
      and(
        eq(schema.invitation.organizationId, workspaceId),
        eq(schema.invitation.status, 'pending'),
        gt(schema.invitation.expiresAt, now),
      ),
    )
    .orderBy(asc(schema.invitation.createdAt))
    .all()
    .map((i) => ({
      id: i.id,
      email: i.email,
      role: (i.role ?? 'member') as WorkspaceRole,
      expiresAt: i.expiresAt.toISOString(),
      link: invitationLink(publicUrl, i.id),
    }));
}

export function findMember(db: Db, workspaceId: string, memberId: string) {
  return db
    .select()
    .from(schema.member)
    .where(and(eq(schema.member.id, memberId), eq(schema.member.organizationId, workspaceId)))
    .get();
}

export function countOwners(db: Db, workspaceId: string): number {
  return db
    .select({ id: schema.member.id })
    .from(schema.member)
    .where(and(eq(schema.member.organizationId, workspaceId), eq(schema.member.role, 'owner')))
    .all().length;
}

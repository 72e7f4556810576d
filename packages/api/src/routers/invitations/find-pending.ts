import type { InvitationPreview, WorkspaceRole } from '@callmine/contracts';
import type { Db } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq, gt } from 'drizzle-orm';

export const invitationGone = new TRPCError({
  code: 'NOT_FOUND',
  message: 'This invitation link is invalid, used or expired. Ask a workspace admin for a new one.',
});

export async function findPendingInvitation(
  db: Db,
  invitationId: string,
  now: Date,
): Promise<InvitationPreview & { id: string }> {
  const t = db.tables;
  const [row] = await db
    .select({
      id: t.invitation.id,
      email: t.invitation.email,
      role: t.invitation.role,
      workspaceName: t.organization.name,
      inviterName: t.user.name,
    })
    .from(t.invitation)
    .innerJoin(t.organization, eq(t.organization.id, t.invitation.organizationId))
    .innerJoin(t.user, eq(t.user.id, t.invitation.inviterId))
    .where(
      and(
        eq(t.invitation.id, invitationId),
        eq(t.invitation.status, 'pending'),
        gt(t.invitation.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row) throw invitationGone;
  return { ...row, role: (row.role ?? 'member') as WorkspaceRole };
}

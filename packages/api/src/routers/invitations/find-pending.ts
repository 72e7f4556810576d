import type { InvitationPreview, WorkspaceRole } from '@callmine/contracts';
import { type Db, schema } from '@callmine/db';
import { TRPCError } from '@trpc/server';
import { and, eq, gt } from 'drizzle-orm';

export const invitationGone = new TRPCError({
  code: 'NOT_FOUND',
  message: 'This invitation link is invalid, used or expired. Ask a workspace admin for a new one.',
});

export function findPendingInvitation(
  db: Db,
  invitationId: string,
  now: Date,
): Omit<InvitationPreview, 'accountExists'> & { id: string; workspaceId: string } {
  const row = db
    .select({
      id: schema.invitation.id,
      email: schema.invitation.email,
      workspaceId: schema.invitation.organizationId,
      role: schema.invitation.role,
      workspaceName: schema.organization.name,
      inviterName: schema.user.name,
    })
    .from(schema.invitation)
    .innerJoin(schema.organization, eq(schema.organization.id, schema.invitation.organizationId))
    .innerJoin(schema.user, eq(schema.user.id, schema.invitation.inviterId))
    .where(
      and(
        eq(schema.invitation.id, invitationId),
        eq(schema.invitation.status, 'pending'),
        gt(schema.invitation.expiresAt, now),
      ),
    )
    .get();
  if (!row) throw invitationGone;
  return { ...row, role: (row.role ?? 'member') as WorkspaceRole };
}

import type { InvitationView, InviteMemberInput } from '@callmine/contracts';
import { authCall } from '../../errors.ts';
import type { AdminContext } from '../../procedure-context.ts';
import { invitationLink } from './queries.ts';

/** Creates (or renews) an invitation and returns the link to copy: Callmine sends no mail. */
export async function inviteMember(ctx: AdminContext, input: InviteMemberInput): Promise<InvitationView> {
  const invitation = await authCall(() =>
    ctx.deps.auth.api.createInvitation({
      headers: ctx.headers,
      body: { email: input.email, role: input.role, organizationId: ctx.workspace.id },
    }),
  );
  ctx.deps.logger.info({ invitationId: invitation.id, role: input.role, by: ctx.user.id }, 'member invited');
  return {
    id: invitation.id,
    email: invitation.email,
    role: input.role,
    expiresAt: new Date(invitation.expiresAt).toISOString(),
    link: invitationLink(ctx.deps.publicUrl, invitation.id),
  };
}

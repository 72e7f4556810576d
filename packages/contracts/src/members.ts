import { z } from 'zod';
import { emailField, idField, newPasswordField, personNameField } from './fields.ts';

export const workspaceRole = z.enum(['owner', 'admin', 'member']);
export type WorkspaceRole = z.infer<typeof workspaceRole>;

/** Roles an admin may hand out by invitation; ownership is given by changing a member's role. */
export const invitableRole = z.enum(['admin', 'member'], { error: 'Choose admin or member.' });

export const inviteMemberInput = z.strictObject({ email: emailField, role: invitableRole });
export type InviteMemberInput = z.infer<typeof inviteMemberInput>;

export const changeRoleInput = z.strictObject({ memberId: idField, role: workspaceRole });
export type ChangeRoleInput = z.infer<typeof changeRoleInput>;

export const removeMemberInput = z.strictObject({ memberId: idField });
export const revokeInvitationInput = z.strictObject({ invitationId: idField });

export const invitationLookupInput = z.strictObject({ invitationId: idField });

/** The invited person picks their name and password; the email comes from the invitation. */
export const acceptInvitationInput = z.strictObject({
  invitationId: idField,
  name: personNameField,
  password: newPasswordField,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;

export const memberView = z.object({
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: workspaceRole,
  joinedAt: z.iso.datetime(),
});
export type MemberView = z.infer<typeof memberView>;

export const invitationView = z.object({
  id: z.string(),
  email: z.string(),
  role: workspaceRole,
  expiresAt: z.iso.datetime(),
  /** The link to copy: no mail is sent. */
  link: z.string(),
});
export type InvitationView = z.infer<typeof invitationView>;

export const invitationPreview = z.object({
  email: z.string(),
  workspaceName: z.string(),
  inviterName: z.string(),
  role: workspaceRole,
  /** The email already has an account: the person joins with its password instead of creating one. */
  accountExists: z.boolean(),
});
export type InvitationPreview = z.infer<typeof invitationPreview>;

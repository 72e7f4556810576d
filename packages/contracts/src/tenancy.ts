// Workspaces from a person's side (which ones they belong to, which is active) and from the operator's (every
// workspace of the instance, never its contents).
import { z } from 'zod';
import { monthlyCallCount, monthlyCallQuota } from './allowance.ts';
import { emailField, idField, newPasswordField, personNameField, workspaceNameField } from './fields.ts';
import { workspaceRole } from './members.ts';

export const workspaceMembershipView = z.object({
  id: z.string(),
  name: z.string(),
  role: workspaceRole,
  /** A suspended workspace is listed (so its members know why) but can't be switched to. */
  suspended: z.boolean(),
});
export type WorkspaceMembershipView = z.infer<typeof workspaceMembershipView>;

/** The signed-in person's account: every membership, the active one, and whether they run the instance. */
export const accountView = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  operator: z.boolean(),
  /** Null when the person is in no workspace (or only suspended ones). */
  activeWorkspaceId: z.string().nullable(),
  workspaces: z.array(workspaceMembershipView),
});
export type AccountView = z.infer<typeof accountView>;

export const switchWorkspaceInput = z.strictObject({ id: idField });
export type SwitchWorkspaceInput = z.infer<typeof switchWorkspaceInput>;

/** An invitation for an email that already has an account: its password proves it is theirs; no new account. */
export const joinInvitationInput = z.strictObject({
  invitationId: idField,
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(128),
});
export type JoinInvitationInput = z.infer<typeof joinInvitationInput>;

/** The operator's "New workspace" form and procedure. */
export const createWorkspaceInput = z.strictObject({
  name: workspaceNameField,
  adminEmail: emailField,
});
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceInput>;

export const gongConnectionStatus = z.enum(['not-connected', 'active', 'rejected', 'unreadable']);

export const operatorWorkspaceView = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  createdAt: z.iso.datetime(),
  memberCount: z.number().int(),
  gong: gongConnectionStatus,
  suspended: z.boolean(),
  usage: z.object({
    /** 'YYYY-MM', UTC. */
    month: z.string(),
    used: z.number().int(),
    allowance: z.number().int(),
    /** false: the instance default (CALLMINE_MONTHLY_CALL_QUOTA). */
    overridden: z.boolean(),
  }),
});
export type OperatorWorkspaceView = z.infer<typeof operatorWorkspaceView>;

export const createdWorkspaceView = z.object({
  workspace: operatorWorkspaceView,
  /** The first admin's invitation: the operator copies the link, no mail is sent. */
  invitation: z.object({ id: z.string(), email: z.string(), expiresAt: z.iso.datetime(), link: z.string() }),
});
export type CreatedWorkspaceView = z.infer<typeof createdWorkspaceView>;

export const operatorWorkspaceInput = z.strictObject({ id: idField });

/** null: back to the instance default, as `npm run quota -- reset`. */
export const setAllowanceInput = z.strictObject({
  id: idField,
  monthlyCalls: monthlyCallCount('The allowance').nullable(),
});
export type SetAllowanceInput = z.infer<typeof setAllowanceInput>;

/** The allowance form's field: typed digits, the same rule as the procedure and the command. */
export const allowanceFormInput = z.strictObject({ monthlyCalls: monthlyCallQuota('The allowance') });

/** Deleting needs the workspace's name typed exactly, so a slip of the mouse deletes nothing. */
export const deleteWorkspaceInput = z.strictObject({
  id: idField,
  confirmName: z.string({ error: 'Type the workspace name.' }).min(1, 'Type the workspace name.').max(200),
});
export type DeleteWorkspaceInput = z.infer<typeof deleteWorkspaceInput>;

export const operatorAuditView = z.object({
  id: z.number().int(),
  at: z.iso.datetime(),
  actorName: z.string().nullable(),
  action: z.string(),
  workspaceId: z.string(),
  workspaceName: z.string(),
  detail: z.string().nullable(),
});
export type OperatorAuditView = z.infer<typeof operatorAuditView>;

/** Open sign-up (CALLMINE_SIGNUP=open): a person and their own workspace, of which they become the owner. */
export const signUpInput = z.strictObject({
  name: personNameField,
  email: emailField,
  password: newPasswordField,
  workspaceName: workspaceNameField,
});
export type SignUpInput = z.infer<typeof signUpInput>;

export const signupMode = z.object({ mode: z.enum(['invite', 'open']) });

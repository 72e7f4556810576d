import { z } from 'zod';
import { emailField, newPasswordField, personNameField, workspaceNameField } from './fields.ts';
import { workspaceRole } from './members.ts';

/** The first screen on a fresh install: creates the owner and the workspace, then sign-up closes. */
export const createOwnerInput = z.strictObject({
  name: personNameField,
  email: emailField,
  password: newPasswordField,
  workspaceName: workspaceNameField,
});
export type CreateOwnerInput = z.infer<typeof createOwnerInput>;

export const signInInput = z.strictObject({
  email: emailField,
  // Only presence is checked at sign-in: old passwords predating a rule must still work.
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(128),
});
export type SignInInput = z.infer<typeof signInInput>;

export const setupStatus = z.object({
  needsOwner: z.boolean(),
  /** CALLMINE_SIGNUP=open: the sign-in page offers "Create an account". */
  signupOpen: z.boolean(),
});
export type SetupStatus = z.infer<typeof setupStatus>;

export const sessionView = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  workspace: z.object({ id: z.string(), name: z.string() }),
  role: workspaceRole,
});
export type SessionView = z.infer<typeof sessionView>;

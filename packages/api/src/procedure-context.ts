import type { WorkspaceRole } from '@callmine/contracts';
import type { Context } from './context.ts';

/** The context a signed-in procedure's handler receives (what signedInProcedure adds). */
export type SignedInContext = Context & {
  user: { id: string; name: string; email: string };
  member: { id: string; role: WorkspaceRole };
  workspace: { id: string; name: string };
};

/** Same shape; the admin middleware has checked the role. */
export type AdminContext = SignedInContext;

import type { WorkspaceRole } from '@callmine/contracts';
import type { Context } from './context.ts';

/** Who is calling: a person's session or an API token (its id, never the token). */
export type Principal = { kind: 'session'; userId: string } | { kind: 'token'; tokenId: string };

/** The context a signed-in procedure's handler receives (what signedInProcedure adds). */
export type SignedInContext = Context & {
  principal: Principal;
  /** The person, or for a token the person who created it: calls are attributed to them. */
  user: { id: string; name: string; email: string };
  /** `id` is null for a token: it acts with a role, not as a member row. */
  member: { id: string | null; role: WorkspaceRole };
  workspace: { id: string; name: string };
};

/** Same shape; the admin middleware has checked the role. */
export type AdminContext = SignedInContext;

import type { ApiTokenLimit, ApiTokenRole } from '@callmine/contracts';

const adminRoles: ReadonlySet<string> = new Set(['owner', 'admin']);

export interface TokenFacts {
  role: ApiTokenRole;
  revokedAt: Date | null;
  expiresAt: Date | null;
  /** The creator's role in the token's workspace now; null when they are no longer a member. */
  creatorRole: string | null;
}

export type TokenState =
  | { status: 'revoked' | 'expired'; actsAs: null; limitedBy: null }
  | { status: 'inactive'; actsAs: null; limitedBy: 'creator-removed' }
  | { status: 'active'; actsAs: ApiTokenRole; limitedBy: Extract<ApiTokenLimit, 'creator-demoted'> | null };

/**
 * The one rule for what a token may do now, used by the token check on every call (verifyApiToken) and by the
 * token list, so the list shows what the next call will get. A token never has more rights than its creator has
 * now: it dies when they leave the workspace, and an admin token made by someone since demoted acts as a member
 * (otherwise a demoted admin would keep admin rights through a script). A read token stays read-only either way.
 */
export function tokenState(token: TokenFacts, now: Date): TokenState {
  if (token.revokedAt) return { status: 'revoked', actsAs: null, limitedBy: null };
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) {
    return { status: 'expired', actsAs: null, limitedBy: null };
  }
  if (!token.creatorRole) return { status: 'inactive', actsAs: null, limitedBy: 'creator-removed' };
  if (token.role === 'admin' && !adminRoles.has(token.creatorRole)) {
    return { status: 'active', actsAs: 'member', limitedBy: 'creator-demoted' };
  }
  return { status: 'active', actsAs: token.role, limitedBy: null };
}

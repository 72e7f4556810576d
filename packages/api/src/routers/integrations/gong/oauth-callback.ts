import { GONG_OAUTH_SCOPES, type GongOAuthResult } from '@callmine/contracts';
import { isGongError } from '@callmine/gong';
import { findMembership } from '../../../auth/membership.ts';
import type { ApiDeps } from '../../../context.ts';
import { recordAudit } from './audit.ts';
import { isDifferentCompany } from './company.ts';
import { consumeOAuthState } from './oauth-state.ts';
import { currentCredential } from './queries.ts';
import { storeValidatedCredential } from './store-credential.ts';

export interface OAuthCallbackParams {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
}

const adminRoles: ReadonlySet<string> = new Set(['owner', 'admin']);

/**
 * Gong's redirect back to Callmine, minus HTTP: check the state (single use, unexpired, this admin's session and
 * workspace), exchange the code from the server, allow-list `api_base_url_for_customer`, validate with one read,
 * then the same sealed swap and audit as basic-auth. Returns only a short result code for the redirect to /settings;
 * tokens and Gong's own error text never leave this function.
 */
export async function completeGongOAuth(
  deps: ApiDeps,
  headers: Headers,
  params: OAuthCallbackParams,
): Promise<GongOAuthResult> {
  const app = deps.gongOAuth;
  if (!app) return 'not-configured';
  const session = await deps.auth.api.getSession({ headers });
  // Consumed even when the session is missing or wrong: a state is spent the first time anyone presents it.
  const binding = await consumeOAuthState(
    deps.db,
    params.state ?? '',
    session ? { userId: session.user.id, sessionId: session.session.id } : undefined,
    deps.now(),
  );
  if (!session || !binding) return 'state-invalid';
  // Still an admin of that workspace now, not only when the flow started.
  const membership = await findMembership(deps.db, session.user.id, binding.workspaceId);
  if (!membership || membership.workspaceId !== binding.workspaceId || !adminRoles.has(membership.role)) {
    return 'state-invalid';
  }
  if (params.error === 'access_denied') {
    // An admin said no on Gong's page: worth a line in the log (nothing changed, but someone tried).
    await recordAudit(deps.db, {
      workspaceId: binding.workspaceId,
      actorId: session.user.id,
      action: 'consent-denied',
      method: 'oauth',
      accessKeyHint: null,
      detail: null,
      at: deps.now(),
    });
    return 'denied';
  }
  if (params.error) return 'unreachable';
  if (!params.code) return 'state-invalid';
  // Same budget as basic-auth connects: the callback makes outbound requests (token endpoint, one read).
  if (!(await deps.rateLimits.gongConnect.consume(binding.workspaceId)).ok) return 'rate-limited';

  const exchanged = await app.exchangeCode({
    code: params.code,
    redirectUri: app.redirectUri,
    codeVerifier: binding.codeVerifier,
  });
  if (!exchanged.ok) return exchanged.reason === 'invalid-grant' ? 'code-expired' : 'unreachable';
  const { grant } = exchanged;

  const missing = GONG_OAUTH_SCOPES.filter((scope) => !grant.scopes.includes(scope));
  const audit = async (detail: string) =>
    recordAudit(deps.db, {
      workspaceId: binding.workspaceId,
      actorId: session.user.id,
      action: 'validation-failed',
      method: 'oauth',
      accessKeyHint: null,
      detail,
      at: deps.now(),
    });
  if (missing.length > 0) {
    await audit(`scopes-missing: ${missing.join(' ')}`);
    return 'scopes-missing';
  }
  // The same allow-list as a pasted base URL: Gong's answer decides where the bearer token goes.
  const verdict = deps.gong.normalizeBaseUrl(grant.apiBaseUrlForCustomer || undefined);
  if (!verdict.ok) {
    await audit('base-url-not-allowed');
    return 'base-url-not-gong';
  }

  const existing = await currentCredential(deps.db, binding.workspaceId);
  let company: Awaited<ReturnType<typeof deps.gong.validateBearer>>;
  try {
    company = await deps.gong.validateBearer({
      accessToken: grant.accessToken,
      baseUrl: verdict.origin,
      workspaceId: binding.workspaceId,
    });
  } catch (error) {
    const kind = isGongError(error) ? error.kind : 'internal-error';
    await audit(kind);
    if (kind === 'forbidden') return 'scopes-missing';
    if (kind === 'company-inactive') return 'company-inactive';
    if (kind === 'invalid-credentials') return 'rejected';
    if (kind === 'base-url-not-allowed') return 'base-url-not-gong';
    if (kind === 'rate-limited' || kind === 'budget-exhausted') return 'rate-limited';
    return 'unreachable';
  }

  // The same guard as a pasted key: another company's grant waits for the admin's second, confirmed click.
  if (isDifferentCompany(existing?.gongWorkspaces, company.workspaces) && !binding.confirmCompanyChange) {
    await recordAudit(deps.db, {
      workspaceId: binding.workspaceId,
      actorId: session.user.id,
      action: 'company-change-held',
      method: 'oauth',
      accessKeyHint: null,
      detail: null,
      at: deps.now(),
    });
    return 'different-company';
  }

  const at = deps.now();
  try {
    await storeValidatedCredential(deps, {
      workspaceId: binding.workspaceId,
      actorId: session.user.id,
      existing,
      baseUrl: verdict.origin,
      secrets: {
        method: 'oauth',
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        tokenExpiresAt: new Date(at.getTime() + grant.expiresInSeconds * 1000),
        scopes: grant.scopes,
      },
      workspaces: company.workspaces,
      at,
    });
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'CONFLICT') return 'conflict';
    throw error;
  }
  deps.logger.info(
    { workspaceId: binding.workspaceId, by: session.user.id, rotated: Boolean(existing), method: 'oauth' },
    'gong credential saved',
  );
  return 'connected';
}

import { GONG_OAUTH_SCOPES } from '@callmine/contracts';
import { TRPCError } from '@trpc/server';
import type { AdminContext } from '../../../procedure-context.ts';
import { createOAuthState, pkceChallenge } from './oauth-state.ts';

/**
 * The authorize URL the card sends the browser to. Gong documents no PKCE; its authorize endpoint (and the
 * sandbox's) ignores unknown parameters, so the S256 challenge is sent anyway and the verifier goes with the code.
 */
export async function startOAuth(ctx: AdminContext): Promise<{ authorizeUrl: string }> {
  // The state is bound to a browser session; API tokens are refused earlier by the procedure's meta.
  if (!ctx.session) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Connect Gong with OAuth from the Callmine app.' });
  }
  const sessionId = ctx.session.session.id;
  const app = ctx.deps.gongOAuth;
  if (!app) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        'OAuth with Gong is not set up on this Callmine. Ask your operator, or connect with basic-auth.',
    });
  }
  const { state, codeVerifier } = await createOAuthState(
    ctx.deps.db,
    { workspaceId: ctx.workspace.id, userId: ctx.user.id, sessionId },
    ctx.deps.now(),
  );
  const url = new URL(app.authorizeUrl);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', app.clientId);
  url.searchParams.set('redirect_uri', app.redirectUri);
  url.searchParams.set('scope', GONG_OAUTH_SCOPES.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', pkceChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { authorizeUrl: url.toString() };
}

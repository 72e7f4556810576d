import type { GongOAuthApp, TokenExchangeResult } from '@callmine/api';
import type { Config } from '@callmine/config';
import { createGongTokenEndpoint } from '@callmine/gong';

/**
 * Callmine's OAuth app at Gong, for the callback's code exchange. The token call itself (configured URL only,
 * client secret as HTTP Basic, no redirects, timeout, size cap) lives in @callmine/gong, shared with the worker's
 * refresh. Every failure collapses to 'invalid-grant' (Gong refused the code) or 'unreachable' — Gong's own error
 * text is never passed on; a refused client secret is the operator's problem and reads as unreachable here.
 */
export function gongOAuthApp(oauth: NonNullable<Config['gong']['oauth']>, timeoutMs: number): GongOAuthApp {
  const endpoint = createGongTokenEndpoint({
    tokenUrl: oauth.tokenUrl,
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    timeoutMs,
  });
  return {
    clientId: oauth.clientId,
    authorizeUrl: oauth.authorizeUrl,
    redirectUri: oauth.redirectUri,
    async exchangeCode(params): Promise<TokenExchangeResult> {
      const result = await endpoint.exchangeCode(params);
      if (!result.ok)
        return { ok: false, reason: result.reason === 'invalid-grant' ? 'invalid-grant' : 'unreachable' };
      const { refreshToken, ...rest } = result.answer;
      // The first answer must carry a refresh token: without one the worker could never renew access.
      if (!refreshToken) return { ok: false, reason: 'unreachable' };
      return { ok: true, grant: { ...rest, refreshToken } };
    },
  };
}

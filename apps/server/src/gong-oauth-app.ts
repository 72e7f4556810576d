import type { GongOAuthApp, TokenExchangeResult } from '@callmine/api';
import type { Config } from '@callmine/config';
import { z } from 'zod';

// Gong's token answer, read leniently (Gong may add fields). `scope` is space-separated.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().int().positive(),
  scope: z.string().default(''),
  api_base_url_for_customer: z.string().default(''),
});

// A token answer is a few hundred bytes; anything far larger is not Gong.
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/**
 * Callmine's OAuth app at Gong. The token endpoint is the operator's configured URL, never one from a request;
 * the client secret goes only there, as HTTP Basic (RFC 6749 §2.3.1). No redirects are followed, a timeout bounds
 * the call, and every failure collapses to 'invalid-grant' (Gong refused the code) or 'unreachable' — Gong's own
 * error text is never passed on.
 */
export function gongOAuthApp(oauth: NonNullable<Config['gong']['oauth']>, timeoutMs: number): GongOAuthApp {
  const basic = `Basic ${Buffer.from(`${oauth.clientId}:${oauth.clientSecret}`, 'utf8').toString('base64')}`;
  return {
    clientId: oauth.clientId,
    authorizeUrl: oauth.authorizeUrl,
    redirectUri: oauth.redirectUri,
    async exchangeCode({ code, redirectUri, codeVerifier }): Promise<TokenExchangeResult> {
      let response: Response;
      try {
        response = await fetch(oauth.tokenUrl, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: {
            authorization: basic,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            redirect_uri: redirectUri,
            code_verifier: codeVerifier,
          }),
        });
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      const text = await readCapped(response);
      if (response.status === 400 && text !== undefined && /"invalid_grant"/.test(text)) {
        return { ok: false, reason: 'invalid-grant' };
      }
      if (!response.ok || text === undefined) return { ok: false, reason: 'unreachable' };
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return { ok: false, reason: 'unreachable' };
      }
      const parsed = tokenResponse.safeParse(json);
      if (!parsed.success) return { ok: false, reason: 'unreachable' };
      const t = parsed.data;
      return {
        ok: true,
        grant: {
          accessToken: t.access_token,
          refreshToken: t.refresh_token,
          expiresInSeconds: t.expires_in,
          scopes: t.scope.split(/\s+/).filter(Boolean),
          apiBaseUrlForCustomer: t.api_base_url_for_customer,
        },
      };
    },
  };
}

async function readCapped(response: Response): Promise<string | undefined> {
  try {
    const buffer = await response.arrayBuffer();
    return buffer.byteLength > MAX_TOKEN_RESPONSE_BYTES ? undefined : new TextDecoder().decode(buffer);
  } catch {
    return undefined;
  }
}

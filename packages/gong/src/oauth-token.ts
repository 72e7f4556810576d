import { z } from 'zod';

// Gong's OAuth token endpoint (POST /oauth2/generate-customer-token), shared by the server (authorization code)
// and the worker (refresh token). Sent as Gong's "Create an app for Gong" article shows it: the parameters
// (grant_type, code or refresh_token, client_id, redirect_uri) in the query string of an empty POST, the client id
// and secret as HTTP Basic — never a form body. The endpoint is the operator's configured URL, never one from a
// request; the client secret goes only there. No redirects are followed, a timeout bounds the
// call, a size cap bounds the answer, and every failure collapses to a reason — Gong's own error text, the
// tokens and the secret never reach a message or a log.

// Read leniently (Gong may add fields). `scope` is space-separated. A refresh answer may leave out
// `refresh_token` when the provider does not rotate it (RFC 6749 §6), so it is optional here.
const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().int().positive(),
  scope: z.string().default(''),
  api_base_url_for_customer: z.string().default(''),
});

// A token answer is a few hundred bytes; anything far larger is not Gong.
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

/** Gong's token answer, as far as Callmine uses it. Plaintext tokens: seal them, never log or return them. */
export interface GongTokenAnswer {
  accessToken: string;
  /** Absent when Gong keeps the refresh token it was sent (no rotation). */
  refreshToken: string | undefined;
  expiresInSeconds: number;
  scopes: string[];
  apiBaseUrlForCustomer: string;
}

/**
 * invalid-grant: Gong refused the code or refresh token (expired, used, revoked, not ours) — the customer must
 * authorize again. invalid-client: Gong refused Callmine's client id/secret — an operator problem. unreachable:
 * no usable answer (network, timeout, 5xx, not JSON, too large) — worth trying again later.
 */
export type GongTokenFailure = 'invalid-grant' | 'invalid-client' | 'unreachable';

export type GongTokenResult = { ok: true; answer: GongTokenAnswer } | { ok: false; reason: GongTokenFailure };

export interface GongTokenEndpointOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs: number;
}

export interface GongTokenEndpoint {
  exchangeCode(params: { code: string; redirectUri: string; codeVerifier: string }): Promise<GongTokenResult>;
  refresh(refreshToken: string): Promise<GongTokenResult>;
}

export function createGongTokenEndpoint(options: GongTokenEndpointOptions): GongTokenEndpoint {
  const basic = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64')}`;
  const request = async (params: Record<string, string>): Promise<GongTokenResult> => {
    const url = new URL(options.tokenUrl);
    for (const [name, value] of Object.entries({ ...params, client_id: options.clientId })) {
      url.searchParams.set(name, value);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: { authorization: basic, accept: 'application/json' },
      });
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
    const text = await readCapped(response);
    const error = text === undefined ? undefined : oauthErrorCode(text);
    // RFC 6749 §5.2: invalid_grant and invalid_client come as 400 (or 401 for the client).
    if ((response.status === 400 || response.status === 401) && error === 'invalid_grant') {
      return { ok: false, reason: 'invalid-grant' };
    }
    if ((response.status === 400 || response.status === 401) && error === 'invalid_client') {
      return { ok: false, reason: 'invalid-client' };
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
      answer: {
        accessToken: t.access_token,
        refreshToken: t.refresh_token,
        expiresInSeconds: t.expires_in,
        scopes: t.scope.split(/\s+/).filter(Boolean),
        apiBaseUrlForCustomer: t.api_base_url_for_customer,
      },
    };
  };
  return {
    exchangeCode: ({ code, redirectUri, codeVerifier }) =>
      request({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      }),
    refresh: (refreshToken) => request({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}

function oauthErrorCode(text: string): string | undefined {
  try {
    const json: unknown = JSON.parse(text);
    if (json && typeof json === 'object' && 'error' in json && typeof json.error === 'string')
      return json.error;
  } catch {
    // not JSON: no OAuth error code
  }
  return undefined;
}

async function readCapped(response: Response): Promise<string | undefined> {
  try {
    const buffer = await response.arrayBuffer();
    return buffer.byteLength > MAX_TOKEN_RESPONSE_BYTES ? undefined : new TextDecoder().decode(buffer);
  } catch {
    return undefined;
  }
}

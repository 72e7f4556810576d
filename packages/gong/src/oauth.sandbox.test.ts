import { describe, expect, it } from 'vitest';
import { bearerAuthorization } from './auth.ts';
import { createGongTokenEndpoint } from './oauth-token.ts';
import { collect, failure } from './test-support/outcomes.ts';
import { useSandbox } from './test-support/sandbox.ts';

// The token endpoint (code exchange and refresh) and the one-renewal-per-401 hook, against the local Gong.

const t = useSandbox();
const REDIRECT = 'http://127.0.0.1:9/callback';

function endpoint(secret = t.sandbox.oauth.demoClient.clientSecret) {
  return createGongTokenEndpoint({
    tokenUrl: `${t.sandbox.appOrigin}/oauth2/generate-customer-token`,
    clientId: t.sandbox.oauth.demoClient.clientId,
    clientSecret: secret,
    timeoutMs: 5_000,
  });
}

async function connectedTokens() {
  const code = t.sandbox.oauth.issueCode({
    clientId: 'callmine-demo',
    tenantId: 'acme',
    redirectUri: REDIRECT,
  });
  const result = await endpoint().exchangeCode({ code, redirectUri: REDIRECT, codeVerifier: 'v'.repeat(43) });
  if (!result.ok) throw new Error(`exchange failed: ${result.reason}`);
  return result.answer;
}

describe('the OAuth token endpoint', () => {
  it('exchanges a code, then refreshes with a rotated refresh token; the old one is refused', async () => {
    const first = await connectedTokens();
    expect(first).toMatchObject({
      expiresInSeconds: 86_400,
      apiBaseUrlForCustomer: t.sandbox.tenant('acme').baseUrl,
    });
    const refreshed = await endpoint().refresh(first.refreshToken ?? '');
    expect(refreshed.ok).toBe(true);
    if (!refreshed.ok) return;
    expect(refreshed.answer.accessToken).not.toBe(first.accessToken);
    expect(refreshed.answer.refreshToken).not.toBe(first.refreshToken);
    expect(await endpoint().refresh(first.refreshToken ?? '')).toEqual({
      ok: false,
      reason: 'invalid-grant',
    });
  });

  it('tells a refused client secret apart from a refused grant, and a dead endpoint from both', async () => {
    const { refreshToken } = await connectedTokens();
    expect(await endpoint('wrong-secret').refresh(refreshToken ?? '')).toEqual({
      ok: false,
      reason: 'invalid-client',
    });
    const dead = createGongTokenEndpoint({
      tokenUrl: 'http://127.0.0.1:9/oauth2/generate-customer-token',
      clientId: 'x',
      clientSecret: 'y',
      timeoutMs: 2_000,
    });
    expect(await dead.refresh('z')).toEqual({ ok: false, reason: 'unreachable' });
  });
});

describe('renewAuth after a 401', () => {
  it('renews once and retries the request with the new header', async () => {
    const first = await connectedTokens();
    let current = first.accessToken;
    const renewals: string[] = [];
    const client = t.gong().client({
      credentialId: 'acme-oauth',
      auth: () => bearerAuthorization(current),
      renewAuth: async (rejected) => {
        renewals.push(rejected);
        const refreshed = await endpoint().refresh(first.refreshToken ?? '');
        if (!refreshed.ok) return false;
        current = refreshed.answer.accessToken;
        return true;
      },
    });
    t.sandbox.oauth.expireAccessTokens(first.accessToken);
    const pages = await collect(client.users.list());
    expect(pages.length).toBeGreaterThan(0);
    expect(renewals).toEqual([`Bearer ${first.accessToken}`]);
    expect(t.apiRequests('/v2/users').map((r) => r.status)).toEqual([401, ...pages.map(() => 200)]);
  });

  it('gives up after one renewal when Gong still refuses: invalid-credentials, no loop', async () => {
    const { accessToken } = await connectedTokens();
    t.sandbox.oauth.expireAccessTokens(accessToken);
    let renewals = 0;
    const client = t.gong().client({
      credentialId: 'acme-oauth-dead',
      auth: () => bearerAuthorization(accessToken),
      renewAuth: async () => {
        renewals += 1;
        return true;
      },
    });
    expect(await failure(collect(client.users.list()))).toMatchObject({ kind: 'invalid-credentials' });
    expect(renewals).toBe(1);
    expect(t.apiRequests('/v2/users').map((r) => r.status)).toEqual([401, 401]);
  });
});

describe('the token request shape', () => {
  it('sends its parameters in the query string with the client as HTTP Basic, and no body', async () => {
    const { refreshToken } = await connectedTokens();
    t.sandbox.requests.length = 0;
    expect((await endpoint().refresh(refreshToken ?? '')).ok).toBe(true);
    const [entry] = t.sandbox.requests.filter((r) => r.path === '/oauth2/generate-customer-token');
    expect(entry).toMatchObject({ method: 'POST', status: 200 });
    expect(Object.keys(entry?.query ?? {}).sort()).toEqual(['client_id', 'grant_type', 'refresh_token']);
    expect(entry?.query).toMatchObject({ grant_type: 'refresh_token', client_id: 'callmine-demo' });
  });
});

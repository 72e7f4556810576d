import { sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { startGongSandbox } from '../index.ts';
import { aManualClock } from '../testing/builders.ts';
import { call } from '../testing/client.ts';

const REDIRECT_URI = 'http://localhost:3000/api/gong/oauth/callback';

describe('OAuth authorize and token endpoints', () => {
  const clock = aManualClock();
  const sandbox = sharedResource(() =>
    startGongSandbox({
      callsPerTenant: 10,
      clock: clock.now,
      rateLimit: { perSecond: 1000, perDay: 1e6 },
    }),
  );

  const clientAuth = () => {
    const { clientId, clientSecret } = sandbox.oauth.demoClient;
    return `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
  };

  /** What a browser does on the consent page: submit the form with the chosen button. */
  async function decide(decision: 'approve' | 'deny', tenant = 'globex', scope = ''): Promise<URL> {
    const page = await fetch(
      sandbox.oauth.authorizeUrl({
        clientId: 'callmine-demo',
        redirectUri: REDIRECT_URI,
        state: 'xyz',
        scope,
      }),
    );
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="approve"');
    expect(html).toContain('action="/oauth2/authorize/decision"');
    const form = new URLSearchParams({
      client_id: 'callmine-demo',
      redirect_uri: REDIRECT_URI,
      state: 'xyz',
      scope,
      tenant,
      decision,
    });
    const response = await fetch(`${sandbox.appOrigin}/oauth2/authorize/decision`, {
      method: 'POST',
      body: form,
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  // As Gong documents it: parameters (with client_id) in the query string, the client as HTTP Basic.
  const clientIdOf = (authorization: string) =>
    Buffer.from(authorization.replace(/^Basic /, ''), 'base64')
      .toString('utf8')
      .split(':')[0] ?? '';
  const token = (params: Record<string, string>, authorization = clientAuth()) =>
    call(
      sandbox.appOrigin,
      `/oauth2/generate-customer-token?${new URLSearchParams({ client_id: clientIdOf(authorization), ...params })}`,
      { authorization, method: 'POST' },
    );

  it('approves: redirects with code and state, and the code buys tokens for the tenant’s cluster', async () => {
    const redirect = await decide('approve');
    expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT_URI);
    expect(redirect.searchParams.get('state')).toBe('xyz');
    const code = redirect.searchParams.get('code') ?? '';
    const response = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 86_400,
      scope: expect.stringContaining('api:calls:read:transcript'),
      api_base_url_for_customer: sandbox.clusters['us-44392']?.origin,
    });
    const bearer = `Bearer ${response.body.access_token}`;
    expect(
      (await call(sandbox.tenant('globex').baseUrl, '/v2/users', { authorization: bearer })).status,
    ).toBe(200);
    // The token belongs to the regional cluster; on the standard one it is as unknown as any bad key.
    expect(
      (await call(sandbox.clusters.standard?.origin ?? '', '/v2/users', { authorization: bearer })).status,
    ).toBe(401);
  });

  it('denies: redirects with error=access_denied', async () => {
    const redirect = await decide('deny');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('xyz');
    expect(redirect.searchParams.has('code')).toBe(false);
  });

  it('refuses a used, expired or mismatched code with invalid_grant', async () => {
    const code = (await decide('approve')).searchParams.get('code') ?? '';
    const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
    expect((await token(params)).status).toBe(200);
    const reused = await token(params);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe('invalid_grant');

    const late = (await decide('approve')).searchParams.get('code') ?? '';
    clock.advance(11 * 60_000);
    expect((await token({ ...params, code: late })).body.error).toBe('invalid_grant');

    const other = (await decide('approve')).searchParams.get('code') ?? '';
    const mismatched = await token({ ...params, code: other, redirect_uri: 'http://localhost:9/else' });
    expect(mismatched.body.error).toBe('invalid_grant');
  });

  it('refreshes an expired access token, rotating the refresh token', async () => {
    const code = (await decide('approve', 'acme')).searchParams.get('code') ?? '';
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    const baseUrl = String(first.body.api_base_url_for_customer);
    expect(baseUrl).toBe(sandbox.tenant('acme').baseUrl);
    clock.advance(86_400_000);
    const expired = await call(baseUrl, '/v2/users', { authorization: `Bearer ${first.body.access_token}` });
    expect(expired.status).toBe(401);

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).not.toBe(first.body.refresh_token);
    const fresh = await call(baseUrl, '/v2/users', {
      authorization: `Bearer ${refreshed.body.access_token}`,
    });
    expect(fresh.status).toBe(200);
    const again = await token({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(again.body.error).toBe('invalid_grant');

    sandbox.oauth.expireAccessTokens();
    expect(
      (await call(baseUrl, '/v2/users', { authorization: `Bearer ${refreshed.body.access_token}` })).status,
    ).toBe(401);
  });

  it('counts refresh requests, revokes a tenant’s refresh tokens, and issues tokens with a test lifetime', async () => {
    const before = sandbox.oauth.refreshes();
    sandbox.oauth.setAccessTokenTtl(2);
    const code = (await decide('approve', 'acme')).searchParams.get('code') ?? '';
    const first = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    expect(first.body.expires_in).toBe(2);
    const authorization = `Bearer ${first.body.access_token}`;
    const origin = sandbox.tenant('acme').baseUrl;
    expect((await call(origin, '/v2/users', { authorization })).status).toBe(200);
    clock.advance(2_000);
    expect((await call(origin, '/v2/users', { authorization })).status).toBe(401);

    const refreshed = await token({
      grant_type: 'refresh_token',
      refresh_token: String(first.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(sandbox.oauth.refreshes()).toEqual({ granted: before.granted + 1, refused: before.refused });

    // An admin at Gong removes the app: the current refresh token stops working, and the refusal is counted.
    expect(sandbox.oauth.revokeRefreshTokens('acme')).toBeGreaterThanOrEqual(1);
    const refused = await token({
      grant_type: 'refresh_token',
      refresh_token: String(refreshed.body.refresh_token),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_grant');
    expect(sandbox.oauth.refreshes()).toEqual({ granted: before.granted + 1, refused: before.refused + 1 });
    sandbox.oauth.setAccessTokenTtl(86_400);
  });

  it('answers 403 when the token lacks the endpoint’s scope', async () => {
    const code = (await decide('approve', 'acme', 'api:users:read')).searchParams.get('code') ?? '';
    const tokens = await token({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
    const authorization = `Bearer ${tokens.body.access_token}`;
    const origin = sandbox.tenant('acme').baseUrl;
    expect((await call(origin, '/v2/users', { authorization })).status).toBe(200);
    expect((await call(origin, '/v2/calls/transcript', { authorization, body: { filter: {} } })).status).toBe(
      403,
    );
  });

  it('rejects bad client credentials, unknown clients and unregistered redirect URIs', async () => {
    const badClient = await token({ grant_type: 'refresh_token', refresh_token: 'x' }, 'Basic Zm9vOmJhcg==');
    expect(badClient.status).toBe(401);
    expect(badClient.body.error).toBe('invalid_client');
    const unknown = await fetch(
      sandbox.oauth.authorizeUrl({ clientId: 'nobody', redirectUri: REDIRECT_URI }),
    );
    expect(unknown.status).toBe(400);
    const evil = await fetch(
      sandbox.oauth.authorizeUrl({ clientId: 'callmine-demo', redirectUri: 'https://evil.example/cb' }),
    );
    expect(evil.status).toBe(400);
  });

  it('refuses the token request parameters as a form body, and a client_id that is not the client', async () => {
    const code = (await decide('approve')).searchParams.get('code') ?? '';
    const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
    const form = await fetch(`${sandbox.appOrigin}/oauth2/generate-customer-token`, {
      method: 'POST',
      headers: { authorization: clientAuth() },
      body: new URLSearchParams({ client_id: 'callmine-demo', ...params }),
    });
    expect(form.status).toBe(400);
    expect(((await form.json()) as { error_description: string }).error_description).toMatch(
      /query string, not a form body/,
    );
    const otherClient = await token({ ...params, client_id: 'someone-else' });
    expect(otherClient.status).toBe(400);
    // Neither spent the code: the documented shape still gets the tokens.
    expect((await token(params)).status).toBe(200);
  });

  it('lets tests register their own app and skip the consent page', async () => {
    sandbox.oauth.registerClient({
      clientId: 'test-app',
      clientSecret: 's3cret',
      redirectUris: ['https://app.test/cb'],
    });
    const code = sandbox.oauth.issueCode({
      clientId: 'test-app',
      tenantId: 'acme',
      redirectUri: 'https://app.test/cb',
    });
    const response = await token(
      { grant_type: 'authorization_code', code, redirect_uri: 'https://app.test/cb' },
      `Basic ${Buffer.from('test-app:s3cret').toString('base64')}`,
    );
    expect(response.body.api_base_url_for_customer).toBe(sandbox.tenant('acme').baseUrl);
  });
});

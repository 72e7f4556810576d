// Connect Gong with OAuth over real HTTP: Callmine's callback against the sandbox's token endpoint and API.
import { sharedResource } from '@callmine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { type SandboxedServer, sandboxOAuthEnv, startSandboxedServer } from '../testing/sandboxed-server.ts';

/** Starts the flow as the signed-in admin; returns what Gong's authorize page would receive. */
async function start(env: SandboxedServer, input: { confirmCompanyChange?: boolean } = {}) {
  const { authorizeUrl } = await env.admin.integrations.gong.startOAuth.mutate(input);
  const url = new URL(authorizeUrl);
  return {
    url,
    state: url.searchParams.get('state') ?? '',
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
  };
}

/** What the browser does when Gong redirects back: GET the callback with the session cookie. */
async function callback(env: SandboxedServer, redirectUri: string, params: Record<string, string>) {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await env.adminFetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location') ?? '', env.server.url);
  expect(location.pathname).toBe('/settings');
  return location.searchParams.get('gong');
}

function approve(env: SandboxedServer, redirectUri: string, tenantId = 'acme', scopes?: string[]) {
  return env.sandbox.oauth.issueCode({
    clientId: env.sandbox.oauth.demoClient.clientId,
    tenantId,
    redirectUri,
    ...(scopes ? { scopes } : {}),
  });
}

const storedRows = async (env: SandboxedServer) =>
  await env.server.database.db.select().from(env.server.database.db.tables.gongCredential);

describe('Connect Gong with OAuth', () => {
  // Many connects in a row: lift the sandbox's 3-per-second limit so every test reaches Gong's answer.
  const env = sharedResource(() =>
    startSandboxedServer(sandboxOAuthEnv, { rateLimit: { perSecond: 1000, perDay: 100_000 } }),
  );
  afterEach(async () => {
    await env.admin.integrations.gong.disconnect.mutate();
  });

  it('offers OAuth, with a single-use state, PKCE S256, the callback and the scopes Callmine needs', async () => {
    expect(await env.admin.integrations.gong.oauthAvailability.query()).toEqual({ available: true });
    const { url, state, redirectUri } = await start(env);
    expect(url.origin).toBe(env.sandbox.appOrigin);
    expect(url.searchParams.get('client_id')).toBe(env.sandbox.oauth.demoClient.clientId);
    expect(redirectUri).toBe(`${env.server.url}/integrations/gong/oauth/callback`);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining(['api:users:read', 'api:calls:read:basic', 'api:calls:read:transcript']),
    );
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(state.length).toBeGreaterThanOrEqual(32);
    // The state is kept hashed only.
    const rows = await env.server.database.db.select().from(env.server.database.db.tables.gongOAuthState);
    expect(JSON.stringify(rows)).not.toContain(state);
  });

  it('approve → Connected · OAuth with scopes, token expiry and base URL; no token in the view', async () => {
    const { state, redirectUri } = await start(env);
    expect(await callback(env, redirectUri, { code: approve(env, redirectUri), state })).toBe('connected');
    const view = await env.admin.integrations.gong.get.query();
    expect(view).toMatchObject({
      status: 'connected',
      method: 'oauth',
      baseUrl: env.sandbox.clusters.standard?.origin,
      accessKeyHint: null,
    });
    if (view.status === 'disconnected') throw new Error('not connected');
    expect(view.scopes).toEqual(expect.arrayContaining(['api:users:read', 'api:calls:read:transcript']));
    expect(new Date(view.tokenExpiresAt ?? 0).getTime()).toBeGreaterThan(Date.now());
    const audit = await env.admin.integrations.gong.auditLog.query();
    expect(audit[0]).toMatchObject({ action: 'connected', method: 'oauth' });
  });

  it('takes the regional base URL from api_base_url_for_customer', async () => {
    const { state, redirectUri } = await start(env);
    expect(await callback(env, redirectUri, { code: approve(env, redirectUri, 'globex'), state })).toBe(
      'connected',
    );
    expect(await env.admin.integrations.gong.get.query()).toMatchObject({
      method: 'oauth',
      baseUrl: env.sandbox.clusters['us-44392']?.origin,
    });
  });

  it('switching basic-auth → OAuth → basic-auth rotates the same row, audited as switches of method', async () => {
    const acme = env.sandbox.tenant('acme').credentials.find((c) => c.label === 'primary');
    if (!acme) throw new Error('no acme key');
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: acme.accessKey,
      secretKey: acme.secretKey,
    });
    const [basicRow] = await storedRows(env);
    const { state, redirectUri } = await start(env);
    expect(await callback(env, redirectUri, { code: approve(env, redirectUri), state })).toBe('connected');
    const [oauthRow] = await storedRows(env);
    expect(oauthRow).toMatchObject({
      id: basicRow?.id,
      method: 'oauth',
      accessKeySealed: null,
      secretKeySealed: null,
    });
    expect(oauthRow?.version).toBe((basicRow?.version ?? 0) + 1);
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: acme.accessKey,
      secretKey: acme.secretKey,
    });
    const [again] = await storedRows(env);
    expect(again).toMatchObject({
      id: basicRow?.id,
      method: 'basic',
      accessTokenSealed: null,
      refreshTokenSealed: null,
    });
    expect(
      (await env.admin.integrations.gong.auditLog.query()).slice(0, 2).map((e) => [e.action, e.method]),
    ).toEqual([
      ['method-switched', 'basic'],
      ['method-switched', 'oauth'],
    ]);
    expect((await env.admin.integrations.gong.auditLog.query())[0]?.detail).toBe('oauth → basic');
  });

  it('another company’s approval is held until the admin confirms, then audited as a change of company', async () => {
    const acme = env.sandbox.tenant('acme').credentials.find((c) => c.label === 'primary');
    if (!acme) throw new Error('no acme key');
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: acme.accessKey,
      secretKey: acme.secretKey,
    });
    const [before] = await storedRows(env);
    const held = await start(env);
    expect(
      await callback(env, held.redirectUri, {
        code: approve(env, held.redirectUri, 'globex'),
        state: held.state,
      }),
    ).toBe('different-company');
    expect(await storedRows(env)).toEqual([before]);
    expect((await env.admin.integrations.gong.auditLog.query())[0]).toMatchObject({
      action: 'company-change-held',
      method: 'oauth',
    });

    const confirmed = await start(env, { confirmCompanyChange: true });
    expect(
      await callback(env, confirmed.redirectUri, {
        code: approve(env, confirmed.redirectUri, 'globex'),
        state: confirmed.state,
      }),
    ).toBe('connected');
    const view = await env.admin.integrations.gong.get.query();
    expect(view).toMatchObject({
      method: 'oauth',
      gongWorkspaces: env.sandbox.tenant('globex').workspaces.map(({ id, name }) => ({ id, name })),
    });
    const [entry] = await env.admin.integrations.gong.auditLog.query();
    expect(entry).toMatchObject({ action: 'company-changed', method: 'oauth' });
    expect(entry?.detail).toBe(
      'from Acme Sales, Acme Customer Success to Globex Sales, Globex Customer Success',
    );
  });

  it('an inactive company → "company-inactive", nothing stored', async () => {
    const { state, redirectUri } = await start(env);
    expect(await callback(env, redirectUri, { code: approve(env, redirectUri, 'hooli'), state })).toBe(
      'company-inactive',
    );
    expect(await storedRows(env)).toEqual([]);
  });

  it('the admin denied access → "denied", nothing stored, and the audit log says so', async () => {
    const { state, redirectUri } = await start(env);
    expect(await callback(env, redirectUri, { error: 'access_denied', state })).toBe('denied');
    expect(await storedRows(env)).toEqual([]);
    expect((await env.admin.integrations.gong.auditLog.query())[0]).toMatchObject({
      action: 'consent-denied',
      method: 'oauth',
      actorName: 'Ada Admin',
    });
  });

  it('a tampered, replayed, expired or foreign state is refused and nothing is stored', async () => {
    const first = await start(env);
    const code = approve(env, first.redirectUri);
    expect(await callback(env, first.redirectUri, { code, state: `${first.state}x` })).toBe('state-invalid');
    expect(await callback(env, first.redirectUri, { code })).toBe('state-invalid');

    // Replayed: the first use consumes it, whatever its outcome.
    const replayed = await start(env);
    expect(await callback(env, replayed.redirectUri, { error: 'access_denied', state: replayed.state })).toBe(
      'denied',
    );
    expect(
      await callback(env, replayed.redirectUri, {
        code: approve(env, replayed.redirectUri),
        state: replayed.state,
      }),
    ).toBe('state-invalid');

    // Expired: ten minutes have passed.
    const expired = await start(env);
    await env.server.database.db
      .update(env.server.database.db.tables.gongOAuthState)
      .set({ expiresAt: new Date(Date.now() - 1000) });
    expect(
      await callback(env, expired.redirectUri, {
        code: approve(env, expired.redirectUri),
        state: expired.state,
      }),
    ).toBe('state-invalid');

    // Another browser (no session, or another person's session) can't finish the admin's authorization.
    const stolen = await start(env);
    const stranger = browserLikeFetch(env.server.url);
    const url = new URL(stolen.redirectUri);
    url.searchParams.set('code', approve(env, stolen.redirectUri));
    url.searchParams.set('state', stolen.state);
    const response = await stranger(url, { redirect: 'manual' });
    expect(response.headers.get('location')).toBe('/settings?gong=state-invalid');
    // …and having been shown to the wrong session, the state is spent.
    expect(
      await callback(env, stolen.redirectUri, {
        code: approve(env, stolen.redirectUri),
        state: stolen.state,
      }),
    ).toBe('state-invalid');

    expect(await storedRows(env)).toEqual([]);
  });

  it('a code that was already used → "code-expired"; missing scopes → "scopes-missing"; nothing stored', async () => {
    const first = await start(env);
    const code = approve(env, first.redirectUri);
    expect(await callback(env, first.redirectUri, { code, state: first.state })).toBe('connected');
    await env.admin.integrations.gong.disconnect.mutate();
    const second = await start(env);
    expect(await callback(env, second.redirectUri, { code, state: second.state })).toBe('code-expired');

    const third = await start(env);
    const narrow = approve(env, third.redirectUri, 'acme', ['api:users:read']);
    expect(await callback(env, third.redirectUri, { code: narrow, state: third.state })).toBe(
      'scopes-missing',
    );
    expect(await storedRows(env)).toEqual([]);
  });

  it('Gong unreachable → "unreachable", nothing stored', async () => {
    const { state, redirectUri } = await start(env);
    const code = approve(env, redirectUri);
    env.sandbox.faults.latency(3000);
    try {
      expect(await callback(env, redirectUri, { code, state })).toBe('unreachable');
    } finally {
      env.sandbox.faults.latency(0);
    }
    expect(await storedRows(env)).toEqual([]);
  });

  it('members cannot start OAuth', async () => {
    const member = apiClient(env.server.url, browserLikeFetch(env.server.url));
    await expect(member.integrations.gong.startOAuth.mutate({})).rejects.toMatchObject({
      data: { code: 'UNAUTHORIZED' },
    });
  });
});

describe('OAuth with a token response naming a non-Gong base URL', () => {
  // Only the standard cluster is allowed: globex's cluster origin is "not a Gong address" to this Callmine.
  const env = sharedResource(() =>
    startSandboxedServer((sandbox) => ({
      ...sandboxOAuthEnv(sandbox),
      CALLMINE_GONG_ALLOWED_ORIGINS: sandbox.clusters.standard?.origin ?? '',
    })),
  );

  it('is refused before any token is sent there, and nothing is stored', async () => {
    env.sandbox.requests.length = 0;
    const { state, redirectUri } = await start(env);
    expect(await callback(env, redirectUri, { code: approve(env, redirectUri, 'globex'), state })).toBe(
      'base-url-not-gong',
    );
    expect(await storedRows(env)).toEqual([]);
    // The token exchange happened; the refused cluster never heard from Callmine.
    expect(env.sandbox.requests.map((r) => r.host)).toContain('app');
    expect(env.sandbox.requests.some((r) => r.host === 'us-44392')).toBe(false);
    expect(await env.admin.integrations.gong.get.query()).toEqual({ status: 'disconnected' });
  });
});

describe('Without an OAuth app configured', () => {
  const env = sharedResource(() => startSandboxedServer());

  it('reports OAuth unavailable and refuses to start it', async () => {
    expect(await env.admin.integrations.gong.oauthAvailability.query()).toEqual({ available: false });
    await expect(env.admin.integrations.gong.startOAuth.mutate({})).rejects.toMatchObject({
      data: { code: 'PRECONDITION_FAILED' },
    });
  });
});

// Canary for OAuth: the access token, refresh token and client secret go through every OAuth path, then no byte of
// them may be found in the data dir, the logs or any response Callmine sent.
import { sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { storedAtRest } from '../testing/at-rest.ts';
import { sandboxOAuthEnv, startSandboxedServer } from '../testing/sandboxed-server.ts';
import { startTokenProxy, tokensIn } from '../testing/token-proxy.ts';

describe('Gong OAuth canary', () => {
  const clientSecret = `canary-client-secret-${crypto.randomUUID()}`;
  let tokenUrl = '';
  const proxy = sharedResource(() => startTokenProxy(() => tokenUrl));
  const env = sharedResource(() =>
    startSandboxedServer(
      (sandbox) => {
        tokenUrl = `${sandbox.appOrigin}/oauth2/generate-customer-token`;
        sandbox.oauth.registerClient({
          clientId: 'callmine-canary',
          clientSecret,
          redirectUris: [],
          allowLoopbackRedirects: true,
        });
        return {
          ...sandboxOAuthEnv(sandbox),
          CALLMINE_GONG_OAUTH_CLIENT_ID: 'callmine-canary',
          CALLMINE_GONG_OAUTH_CLIENT_SECRET: clientSecret,
          CALLMINE_GONG_OAUTH_TOKEN_URL: proxy.url,
          CALLMINE_LOG_LEVEL: 'trace',
        };
      },
      { rateLimit: { perSecond: 1000, perDay: 100_000 } },
    ),
  );

  it('leaves no trace of the tokens or the client secret in the data dir, the logs or any response', async () => {
    const { sandbox, server, adminFetch } = env;
    const responses: string[] = [];
    const record = async (response: Response) => {
      responses.push(
        `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${await response.clone().text()}`,
      );
      return response;
    };
    const trpc = async (path: string, method: 'GET' | 'POST') =>
      record(
        await adminFetch(`${server.url}/trpc/${path}`, {
          method,
          ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
        }),
      );
    const flow = async (params: (redirectUri: string) => Record<string, string>) => {
      const started = await trpc('integrations.gong.startOAuth', 'POST');
      const authorizeUrl = new URL(
        ((await started.json()) as { result: { data: { authorizeUrl: string } } }).result.data.authorizeUrl,
      );
      const redirectUri = authorizeUrl.searchParams.get('redirect_uri') ?? '';
      const url = new URL(redirectUri);
      url.searchParams.set('state', authorizeUrl.searchParams.get('state') ?? '');
      for (const [k, v] of Object.entries(params(redirectUri))) url.searchParams.set(k, v);
      const response = await record(await adminFetch(url, { redirect: 'manual' }));
      return response.headers.get('location');
    };
    const code = (redirectUri: string, tenantId = 'acme') =>
      sandbox.oauth.issueCode({ clientId: 'callmine-canary', tenantId, redirectUri });

    // Every path: success, a replayed code, denial, tampered state, a rotation, reads, Gong timing out, disconnect.
    let used = '';
    expect(
      await flow((r) => {
        used = code(r);
        return { code: used };
      }),
    ).toBe('/settings?gong=connected');
    expect(await flow(() => ({ code: used }))).toBe('/settings?gong=code-expired');
    expect(await flow(() => ({ error: 'access_denied' }))).toBe('/settings?gong=denied');
    expect(await flow((r) => ({ code: code(r), state: 'tampered' }))).toBe('/settings?gong=state-invalid');
    // Another Gong company is held until the admin confirms (a path through the secrets too), and a new consent
    // from the same company is a rotation.
    expect(await flow((r) => ({ code: code(r, 'globex') }))).toBe('/settings?gong=different-company');
    expect(await flow((r) => ({ code: code(r) }))).toBe('/settings?gong=connected');
    sandbox.faults.latency(3000);
    expect(await flow((r) => ({ code: code(r) }))).toBe('/settings?gong=unreachable');
    sandbox.faults.reset();
    await trpc('integrations.gong.get', 'GET');
    await trpc('integrations.gong.auditLog', 'GET');
    expect(await flow((r) => ({ code: code(r) }))).toBe('/settings?gong=connected');

    const tokens = tokensIn(proxy.answers);
    expect(tokens.length).toBeGreaterThanOrEqual(6);
    const canaries = [
      clientSecret,
      Buffer.from(`callmine-canary:${clientSecret}`).toString('base64'),
      ...tokens,
      ...tokens.map((token) => Buffer.from(token).toString('base64')),
    ];

    const dataFiles = await storedAtRest(server, ['keyring.json', 'auth-secret']);
    const logs = server.logLines.join('\n');
    expect(logs).toContain('gong credential saved');
    expect(responses.length).toBeGreaterThan(15);
    for (const canary of canaries) {
      for (const file of dataFiles)
        expect(file.bytes.includes(Buffer.from(canary)), `${canary} in ${file.name}`).toBe(false);
      expect(logs).not.toContain(canary);
      for (const response of responses) expect(response).not.toContain(canary);
    }
  });
});

// HTTP hardening over real HTTP: CSRF origin checks, JSON-only mutations, body limit, headers, health, logs.
import { request } from 'node:http';
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startTestServer } from '../testing/test-server.ts';

const canaryPassword = 'canary-pw-7f3a9c1e2b';
const owner = {
  name: 'Olivia',
  email: 'olivia@example.com',
  password: canaryPassword,
  workspaceName: 'Acme',
};

describe('server hardening', () => {
  const server = sharedResource(() => startTestServer({ CALLMINE_BODY_LIMIT_KB: '16' }));
  let sessionCookie = '';

  beforeAll(async () => {
    const fetcher = browserLikeFetch(server.url);
    await apiClient(server.url, fetcher).setup.createOwner.mutate(owner);
    sessionCookie = [...fetcher.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    // Exercise sign-out and sign-in too, so their cookies and passwords pass through the logger.
    await apiClient(server.url, fetcher).auth.signOut.mutate();
    await apiClient(server.url, fetcher).auth.signIn.mutate({ email: owner.email, password: canaryPassword });
    await apiClient(server.url, browserLikeFetch(server.url))
      .auth.signIn.mutate({ email: owner.email, password: `${canaryPassword}-wrong` })
      .catch(() => undefined);
  });

  const post = (path: string, init: { origin?: string; contentType?: string; body?: string } = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: {
        ...(init.origin ? { origin: init.origin } : {}),
        'content-type': init.contentType ?? 'application/json',
        cookie: sessionCookie,
      },
      body: init.body ?? JSON.stringify({ name: 'Renamed by attacker' }),
    });

  it('keeps an idle connection open past Node’s 5 s default, so a client reusing it never meets a closed socket', async () => {
    // Raw HTTP: fetch hides hop-by-hop headers. The hint is what clients (Node's fetch among them) go by.
    const keepAlive = await new Promise<string | string[] | undefined>((resolve, reject) => {
      request(
        `${server.url}/healthz`,
        { agent: false, headers: { connection: 'keep-alive' } },
        (response) => {
          response.resume();
          response.socket.destroy();
          resolve(response.headers['keep-alive']);
        },
      )
        .on('error', reject)
        .end();
    });
    expect(keepAlive).toBe('timeout=65');
  });

  it('rejects a cross-origin POST with 403 and changes nothing', async () => {
    const response = await post('/trpc/workspace.rename', { origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    const { db } = server.database;
    const rows = await db.select({ name: db.tables.organization.name }).from(db.tables.organization);
    expect(rows).toEqual([{ name: 'Acme' }]);
  });

  /** tRPC's error envelope, as the API reference documents every failure (JSON-RPC code beside data.code). */
  const refusal = (
    code: string,
    jsonRpcCode: number,
    httpStatus: number,
    reason: string,
    message: string,
  ) => ({
    error: { message, code: jsonRpcCode, data: { code, httpStatus, reason } },
  });

  it('rejects a state-changing request with no Origin and no Sec-Fetch-Site', async () => {
    const response = await post('/trpc/workspace.rename');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual(
      refusal('FORBIDDEN', -32003, 403, 'cross-origin', 'Cross-origin request refused.'),
    );
  });

  it('rejects form-encoded posts to tRPC (mutations are JSON only)', async () => {
    const response = await post('/trpc/auth.signOut', {
      origin: server.url,
      contentType: 'application/x-www-form-urlencoded',
      body: 'a=b',
    });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual(
      refusal('UNSUPPORTED_MEDIA_TYPE', -32015, 415, 'not-json', 'Send requests as application/json.'),
    );
  });

  it('answers refusals outside /trpc with a plain error', async () => {
    const response = await post('/integrations/gong/oauth/callback');
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: 'Cross-origin request refused.' });
  });

  it('refuses mutations over GET', async () => {
    const response = await fetch(`${server.url}/trpc/auth.signOut`, { headers: { cookie: sessionCookie } });
    expect(response.status).toBe(405);
  });

  it('rejects an oversized body with 413', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(32 * 1024) });
    const response = await post('/trpc/workspace.rename', { origin: server.url, body: huge });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual(
      refusal('PAYLOAD_TOO_LARGE', -32013, 413, 'body-too-large', 'Request body too large.'),
    );
  });

  it('sends security headers with a CSP that allows only its own scripts', async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('sends the same security headers, once each, on a signed-in query answer as on any other', async () => {
    const fetcher = browserLikeFetch(server.url);
    await apiClient(server.url, fetcher).auth.signIn.mutate({ email: owner.email, password: canaryPassword });
    const health = await fetch(`${server.url}/healthz`);
    const query = await fetcher(`${server.url}/trpc/integrations.gong.get`);
    expect(query.status).toBe(200);
    const fixed = (response: Response) =>
      [...response.headers].filter(
        ([name]) =>
          ![
            'content-type',
            'content-length',
            'date',
            'vary',
            'x-request-id',
            'connection',
            'keep-alive',
          ].includes(name),
      );
    expect(fixed(query)).toEqual(fixed(health));
    expect(fixed(query).length).toBeGreaterThanOrEqual(11);
    expect(query.headers.get('vary')).toBe('trpc-accept, accept, Accept-Encoding');
    expect(query.headers.get('content-type')).toBe('application/json');
    expect(query.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers internal errors without stack traces', async () => {
    const response = await fetch(`${server.url}/trpc/members.list`);
    const body = await response.text();
    expect(response.status).toBe(401);
    expect(body).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it('logs one JSON line per request without passwords or session cookies', () => {
    const requests = server.logLines.map((l) => JSON.parse(l)).filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThan(5);
    for (const line of requests) {
      expect(line).toEqual(
        expect.objectContaining({
          method: expect.any(String),
          path: expect.any(String),
          status: expect.any(Number),
          durationMs: expect.any(Number),
          requestId: expect.any(String),
        }),
      );
    }
    expect(requests.some((l) => typeof l.userId === 'string')).toBe(true);
    const everything = server.logLines.join('\n');
    const cookieValue = sessionCookie.split('=')[1]?.split('.')[0] ?? '';
    expect(cookieValue.length).toBeGreaterThan(10);
    expect(everything).not.toContain(canaryPassword);
    expect(everything).not.toContain(cookieValue);
  });
});

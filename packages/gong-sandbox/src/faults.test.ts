import { sharedResource } from '@callmine/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGongSandbox, UNAUTHORIZED_MESSAGE } from './index.ts';
import { aManualClock, aTenant } from './testing/builders.ts';
import { asTenant } from './testing/client.ts';

describe('rate limiting at Gong’s real limits', () => {
  const clock = aManualClock();
  const sandbox = sharedResource(() =>
    startGongSandbox({
      tenants: [aTenant(), aTenant({ id: 'hooli', name: 'Hooli' })],
      clock: clock.now,
    }),
  );

  it('answers the 4th request within a second with 429 and a Retry-After, per company', async () => {
    const api = asTenant(sandbox, 'initech');
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await api.get('/v2/workspaces')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await api.get('/v2/workspaces');
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(limited.body.errors).toHaveLength(1);
    expect((await asTenant(sandbox, 'hooli').get('/v2/workspaces')).status).toBe(200);
    clock.advance(1000);
    expect((await api.get('/v2/workspaces')).status).toBe(200);
  });

  it('counts a slow request when it arrives, not when it is answered', async () => {
    sandbox.faults.reset();
    const api = asTenant(sandbox, 'initech');
    // The first request is answered slowly; the next three are sent while it is still being answered. Gong counted
    // the first on arrival, so it is the fourth that is over the limit.
    sandbox.faults.latency(1500);
    const slow = api.get('/v2/workspaces');
    await new Promise((done) => setTimeout(done, 500));
    sandbox.faults.latency(0);
    const quick = [];
    for (let i = 0; i < 3; i++) quick.push((await api.get('/v2/workspaces')).status);
    expect(quick).toEqual([200, 200, 429]);
    expect((await slow).status).toBe(200);
  });

  it('enforces 10,000 a day with a Retry-After counted from the oldest request of the day', async () => {
    sandbox.faults.reset();
    const api = asTenant(sandbox, 'hooli');
    // Three at a time, a second apart: the most the per-second limit allows, so the day fills fastest.
    for (let sent = 0; sent < 10_000; sent += 3) {
      const batch = Array.from({ length: Math.min(3, 10_000 - sent) }, () => api.get('/v2/workspaces'));
      const statuses = (await Promise.all(batch)).map((response) => response.status);
      if (statuses.some((status) => status !== 200)) throw new Error(`batch at ${sent} got ${statuses}`);
      clock.advance(1000);
    }
    const limited = await api.get('/v2/workspaces');
    expect(limited.status).toBe(429);
    // 3,334 batches a second apart: the first request leaves the 24 h window 86,400 − 3,334 s from now.
    expect(Number(limited.headers.get('retry-after'))).toBe(86_400 - 3_334);
  }, 60_000);
});

describe('faults on demand', () => {
  const sandbox = sharedResource(() =>
    startGongSandbox({
      tenants: [aTenant()],
      rateLimit: { perSecond: 1000, perDay: 1_000_000 },
    }),
  );
  let api: ReturnType<typeof asTenant>;
  beforeAll(async () => {
    api = asTenant(sandbox, 'initech');
  });
  afterEach(() => sandbox.faults.reset());

  it('fails the next n requests with the given status, then recovers', async () => {
    sandbox.faults.failNext(2, 503);
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await api.get('/v2/users')).status);
    expect(statuses).toEqual([503, 503, 200]);
  });

  it('rate-limits the next n requests with the Retry-After asked for', async () => {
    sandbox.faults.rateLimitNext(1, 7);
    const limited = await api.get('/v2/users');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(limited.body.requestId).toEqual(expect.any(String));
    expect((await api.get('/v2/users')).status).toBe(200);
  });

  it('redirects the next n requests without following through', async () => {
    sandbox.faults.redirectNext(1, 'http://169.254.169.254/latest/meta-data');
    const redirected = await api.get('/v2/users');
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('http://169.254.169.254/latest/meta-data');
  });

  it('adds latency', async () => {
    sandbox.faults.latency(150);
    const started = performance.now();
    await api.get('/v2/workspaces');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('revokes a key until reset', async () => {
    const key = api.tenant.credentials[0]?.accessKey ?? '';
    sandbox.faults.revoke(key);
    const revoked = await api.get('/v2/users');
    expect(revoked.status).toBe(401);
    expect(revoked.body.errors).toEqual([UNAUTHORIZED_MESSAGE]);
    sandbox.faults.reset();
    expect((await api.get('/v2/users')).status).toBe(200);
  });

  it('records every request so tests can count them', async () => {
    sandbox.requests.length = 0;
    sandbox.faults.failNext(1);
    await api.get('/v2/users');
    await api.get('/v2/users');
    expect(sandbox.requests.map((entry) => entry.status)).toEqual([500, 200]);
  });
});

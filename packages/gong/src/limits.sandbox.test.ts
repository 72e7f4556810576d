import { startGongSandbox } from '@callmine/gong-sandbox';
import { describe, expect, it } from 'vitest';
import { basicAuth } from './auth.ts';
import { collect, failure } from './test-support/outcomes.ts';
import { useSandbox } from './test-support/sandbox.ts';

// Retry-After, the daily budget and the rate limiter, against the local Gong over real HTTP.

const t = useSandbox();

describe('limits', () => {
  it('429 → waits as told by Retry-After, measured by the server', async () => {
    t.sandbox.faults.rateLimitNext(1, 2);
    const client = t.acme();
    const result = await client.validate();
    expect(result).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterSeconds: 2 } });
    t.sandbox.requests.length = 0;

    t.sandbox.faults.rateLimitNext(1, 2);
    const pages = await collect(client.users.list());
    expect(pages).toHaveLength(3);
    const [limited, retried] = t.apiRequests('/v2/users');
    expect(limited?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(2000);
  });

  it('429 asking for a long wait fails at once with rate-limited and the wait', async () => {
    t.sandbox.faults.rateLimitNext(1, 3600);
    const client = t.acme();
    const error = await failure(collect(client.users.list()));
    expect(error).toMatchObject({ kind: 'rate-limited', status: 429, retryAfterSeconds: 3600 });
    // Later requests for the same credential do not even try until the wait is over.
    const again = await failure(collect(client.users.list()));
    expect(again).toMatchObject({ kind: 'rate-limited' });
    expect(again.retryAfterSeconds).toBeGreaterThan(3500);
    expect(t.apiRequests('/v2/users')).toHaveLength(1);
  });

  it('requests already queued behind a long Retry-After fail fast too', async () => {
    t.sandbox.faults.rateLimitNext(1, 3600);
    const client = t.acme('primary', { ratePerSecond: 1 });
    const results = await Promise.all([client.validate(), client.validate(), client.validate()]);
    expect(results.map((r) => !r.ok && r.error.kind)).toEqual([
      'rate-limited',
      'rate-limited',
      'rate-limited',
    ]);
    expect(t.apiRequests('/v2/users')).toHaveLength(1);
  });

  it('budget-exhausted once the daily budget is spent, without sending more', async () => {
    const client = t.acme('primary', { dailyBudget: 2 });
    const error = await failure(collect(client.users.list()));
    expect(error.kind).toBe('budget-exhausted');
    expect(t.apiRequests('/v2/users')).toHaveLength(2);
  });
});

describe('rate limiter against the sandbox', () => {
  it('never exceeds its rate over a burst of 100 requests', async () => {
    const rate = 20;
    await using strict = await startGongSandbox({
      seed: 7,
      rateLimit: { perSecond: rate, perDay: 1_000_000 },
      tenants: [{ id: 'acme', name: 'Acme', cluster: 'standard', callCount: 1 }],
    });
    const { accessKey, secretKey } = strict.tenant('acme').credentials[0]!;
    const g = t.gong({
      defaultBaseUrl: strict.clusters.standard!.origin,
      allowedOrigins: [strict.clusters.standard!.origin],
      ratePerSecond: rate,
    });
    const client = g.client({ credentialId: 'burst', auth: basicAuth(accessKey, secretKey) });
    const results = await Promise.all(Array.from({ length: 100 }, () => client.check()));
    expect(results.every((r) => r.ok)).toBe(true);

    const times = strict.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(times).toHaveLength(100);
    expect(strict.requests.every((r) => r.status === 200)).toBe(true);
    for (let i = rate; i < times.length; i += 1) {
      // The request `rate` places later arrived at least one second after: never more than `rate` per second.
      expect(times[i]! - times[i - rate]!).toBeGreaterThanOrEqual(1000);
    }
  }, 30_000);
});

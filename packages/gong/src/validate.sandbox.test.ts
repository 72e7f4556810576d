import { describe, expect, it } from 'vitest';
import { basicAuth } from './auth.ts';
import { GongError } from './errors.ts';
import { startTestServer } from './test-support/http-server.ts';
import { useSandbox } from './test-support/sandbox.ts';

// validate() and the base URL rule, against the local Gong over real HTTP.

const t = useSandbox();

describe('validate and the base URL rule', () => {
  it('while Gong has paused the key, answers at once with the remaining wait (a person is waiting)', async () => {
    const { accessKey, secretKey } = t.credential('acme');
    const options = { credentialId: 'paused', auth: basicAuth(accessKey, secretKey) };
    const gong = t.gong();
    t.sandbox.faults.rateLimitNext(1, 30);
    expect(await gong.validate(options)).toMatchObject({
      ok: false,
      error: { kind: 'rate-limited', retryAfterSeconds: 30 },
    });
    t.sandbox.requests.length = 0;
    const again = await gong.validate(options);
    expect(again).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    if (!again.ok) expect(again.error.retryAfterSeconds).toBeGreaterThan(25);
    expect(t.apiRequests('/v2/users')).toHaveLength(0);
  });

  it('tells a working key apart', async () => {
    const { accessKey, secretKey } = t.credential('acme');
    const result = await t.gong().validate({ credentialId: 'v', auth: basicAuth(accessKey, secretKey) });
    expect(result).toMatchObject({
      ok: true,
      origin: t.sandbox.clusters.standard!.origin,
      usersSampled: 100,
      // The company, by its workspaces: ids and names, nothing else.
      workspaces: t.sandbox.tenant('acme').workspaces.map(({ id, name }) => ({ id, name })),
    });
    expect(t.apiRequests('/v2/users')).toHaveLength(1);
    expect(t.apiRequests('/v2/workspaces')).toHaveLength(1);
  });

  it('check() spends exactly one request and one unit of the daily budget', async () => {
    const { accessKey, secretKey } = t.credential('acme');
    const gong = t.gong({ dailyBudget: 5 });
    const client = gong.client({ credentialId: 'health', auth: basicAuth(accessKey, secretKey) });
    expect(await client.check()).toMatchObject({ ok: true });
    expect(t.sandbox.requests).toHaveLength(1);
    expect(await gong.remainingBudget('health')).toBe(4);
    t.sandbox.faults.revoke(accessKey);
    expect(await client.check()).toMatchObject({ ok: false, error: { kind: 'invalid-credentials' } });
  });

  it('a listener on a non-allowed origin receives no connection at all', async () => {
    await using listener = await startTestServer((_req, res) => res.end('{}'));
    const { accessKey, secretKey } = t.credential('acme');
    const result = await t.gong().validate({
      baseUrl: listener.origin,
      credentialId: 'v',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'base-url-not-allowed' } });
    expect(() => t.gong().client({ baseUrl: listener.origin, credentialId: 'v', auth: () => 'x' })).toThrow(
      GongError,
    );
    expect(listener.connections).toBe(0);
  });
});

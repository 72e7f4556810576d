import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { basicAuth } from './auth.ts';
import type { GongError } from './errors.ts';
import { startTestServer } from './test-support/http-server.ts';
import { collect, failure } from './test-support/outcomes.ts';
import { useSandbox } from './test-support/sandbox.ts';

// Each error kind, against the local Gong over real HTTP.

const t = useSandbox();

describe('errors', () => {
  it('401 → invalid-credentials, with the base URL hint', async () => {
    const error = await failure(collect(t.acme('revoked').users.list()));
    expect(error).toMatchObject({ kind: 'invalid-credentials', status: 401, requestId: expect.any(String) });
    expect(error.message).toMatch(/base URL/);
  });

  it('a key used against the wrong cluster is invalid-credentials too', async () => {
    const { accessKey, secretKey } = t.credential('acme');
    const client = t.gong().client({
      baseUrl: t.sandbox.tenant('globex').baseUrl,
      credentialId: 'acme',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(await client.validate()).toMatchObject({ ok: false, error: { kind: 'invalid-credentials' } });
  });

  it('401 whose body says the company is inactive → company-inactive, never renewed or retried', async () => {
    const { accessKey, secretKey } = t.credential('hooli');
    let renewals = 0;
    const client = t.gong().client({
      credentialId: 'hooli',
      auth: basicAuth(accessKey, secretKey),
      renewAuth: async () => {
        renewals += 1;
        return true;
      },
    });
    const error = await failure(collect(client.users.list()));
    expect(error).toMatchObject({ kind: 'company-inactive', status: 401 });
    expect(error.message).toMatch(/inactive/);
    expect(renewals).toBe(0);
    expect(t.apiRequests('/v2/users')).toHaveLength(1);
  });

  it('403 → forbidden', async () => {
    expect(await failure(collect(t.acme('no-permission').users.list()))).toMatchObject({
      kind: 'forbidden',
      status: 403,
    });
  });

  it('5xx is retried with backoff, then reported as unavailable', async () => {
    t.sandbox.faults.failNext(2, 503);
    const pages = await collect(t.acme('primary', { maxRetries: 3 }).users.list());
    expect(pages).toHaveLength(3);
    expect(t.apiRequests('/v2/users').map((r) => r.status)).toEqual([503, 503, 200, 200, 200]);

    t.sandbox.requests.length = 0;
    t.sandbox.faults.failNext(10, 500);
    const error = await failure(collect(t.acme('primary', { maxRetries: 2 }).users.list()));
    expect(error).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(t.apiRequests('/v2/users')).toHaveLength(3);
  });

  it('unreachable when nothing listens at the base URL', async () => {
    const closed = await startTestServer(() => {});
    await closed.close();
    const { accessKey, secretKey } = t.credential('acme');
    const g = t.gong({ defaultBaseUrl: closed.origin, allowedOrigins: [closed.origin] });
    const result = await g.validate({
      baseUrl: closed.origin,
      credentialId: 'x',
      auth: basicAuth(accessKey, secretKey),
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'unreachable' } });
  });

  it('a redirect from Gong is not followed', async () => {
    await using target = await startTestServer((_req, res) => res.end('{}'));
    t.sandbox.faults.redirectNext(1, `${target.origin}/v2/users`);
    const error = await failure(
      collect(
        t
          .acme('primary', {
            allowedOrigins: [t.sandbox.clusters.standard!.origin, target.origin],
          })
          .users.list(),
      ),
    );
    expect(error).toMatchObject({ kind: 'bad-response', status: 302 });
    expect(target.connections).toBe(0);
  });

  it('never puts the secret or the Authorization header in an error', async () => {
    const { accessKey, secretKey } = t.credential('acme', 'revoked');
    const header = `Basic ${btoa(`${accessKey}:${secretKey}`)}`;
    const errors: GongError[] = [];
    const client = t.acme('revoked');
    errors.push(await failure(collect(client.users.list())));
    t.sandbox.faults.failNext(5, 500);
    errors.push(await failure(collect(t.acme('revoked', { maxRetries: 0 }).users.list())));
    t.sandbox.faults.rateLimitNext(1, 999);
    errors.push(await failure(collect(client.users.list())));
    for (const error of errors) {
      const text = [
        error.message,
        error.stack,
        JSON.stringify(error),
        inspect(error, { showHidden: true }),
      ].join('\n');
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain(header.slice(6));
    }
  });
});

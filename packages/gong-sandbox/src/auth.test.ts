import { sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import {
  COMPANY_INACTIVE_MESSAGE,
  FORBIDDEN_MESSAGE,
  startGongSandbox,
  UNAUTHORIZED_MESSAGE,
} from './index.ts';
import { basicAuth, call, NO_LIMITS } from './testing/client.ts';

describe('authentication and clusters', () => {
  const sandbox = sharedResource(() => startGongSandbox({ callsPerTenant: 20, rateLimit: NO_LIMITS }));

  const key = (tenantId: string, label: string) => {
    const credential = sandbox.tenant(tenantId).credentials.find((c) => c.label === label);
    if (!credential) throw new Error(`no ${label} key`);
    return credential;
  };

  it('serves a tenant on its own cluster with its full-permission key', async () => {
    const response = await call(sandbox.tenant('acme').baseUrl, '/v2/users', {
      authorization: basicAuth(key('acme', 'primary')),
    });
    expect(response.status).toBe(200);
    expect(response.body.requestId).toEqual(expect.any(String));
  });

  it('puts the default tenants on the standard and the us-44392 cluster', () => {
    expect(sandbox.tenant('acme').baseUrl).toBe(sandbox.clusters.standard?.origin);
    expect(sandbox.tenant('globex').baseUrl).toBe(sandbox.clusters['us-44392']?.origin);
    expect(sandbox.clusters.standard?.origin).not.toBe(sandbox.clusters['us-44392']?.origin);
  });

  it('answers a key on the wrong cluster exactly like an unknown key', async () => {
    const wrongCluster = await call(sandbox.tenant('acme').baseUrl, '/v2/users', {
      authorization: basicAuth(key('globex', 'primary')),
    });
    const unknown = await call(sandbox.tenant('acme').baseUrl, '/v2/users', {
      authorization: basicAuth({ accessKey: 'NOTAKEY', secretKey: 'nope' }),
    });
    expect(wrongCluster.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrongCluster.body.errors).toEqual(unknown.body.errors);
    expect(wrongCluster.body.errors).toEqual([UNAUTHORIZED_MESSAGE]);
  });

  it('refuses a wrong secret, a missing header and a revoked key with 401', async () => {
    const origin = sandbox.tenant('acme').baseUrl;
    const primary = key('acme', 'primary');
    const wrongSecret = await call(origin, '/v2/users', {
      authorization: basicAuth({ accessKey: primary.accessKey, secretKey: `${primary.secretKey}x` }),
    });
    const missing = await call(origin, '/v2/users');
    const revoked = await call(origin, '/v2/users', { authorization: basicAuth(key('acme', 'revoked')) });
    expect([wrongSecret.status, missing.status, revoked.status]).toEqual([401, 401, 401]);
  });

  it('answers 401 "company is inactive" for a known key of an inactive company, on every endpoint', async () => {
    const authorization = basicAuth(key('hooli', 'primary'));
    const origin = sandbox.tenant('hooli').baseUrl;
    for (const path of ['/v2/users', '/v2/workspaces']) {
      const response = await call(origin, path, { authorization });
      expect(response.status).toBe(401);
      expect(response.body.errors).toEqual([COMPANY_INACTIVE_MESSAGE]);
    }
    // A wrong secret for the same key still reads like any unknown key: nothing about the company leaks.
    const wrong = await call(origin, '/v2/users', {
      authorization: basicAuth({ accessKey: key('hooli', 'primary').accessKey, secretKey: 'nope' }),
    });
    expect(wrong.body.errors).toEqual([UNAUTHORIZED_MESSAGE]);
  });

  it('answers 403 on data endpoints for a key without API permission', async () => {
    const authorization = basicAuth(key('globex', 'no-permission'));
    const origin = sandbox.tenant('globex').baseUrl;
    const users = await call(origin, '/v2/users', { authorization });
    const calls = await call(origin, '/v2/calls/transcript', { authorization, body: { filter: {} } });
    expect([users.status, calls.status]).toEqual([403, 403]);
    expect(users.body.errors).toEqual([FORBIDDEN_MESSAGE]);
  });

  it('makes keys look like Gong keys and derives them from the seed', async () => {
    const primary = key('acme', 'primary');
    expect(primary.accessKey).toMatch(/^[A-Z2-7]{32}$/);
    expect(primary.secretKey.length).toBeGreaterThan(150);
    const again = await startGongSandbox({ callsPerTenant: 1 });
    const other = await startGongSandbox({ callsPerTenant: 1, seed: 2 });
    try {
      expect(again.tenant('acme').credentials[0]).toEqual(primary);
      expect(other.tenant('acme').credentials[0]?.accessKey).not.toBe(primary.accessKey);
    } finally {
      await Promise.all([again.close(), other.close()]);
    }
  });

  it('logs requests with status and tenant but never the Authorization header', async () => {
    sandbox.requests.length = 0;
    await call(sandbox.tenant('acme').baseUrl, '/v2/workspaces', {
      authorization: basicAuth(key('acme', 'primary')),
    });
    expect(sandbox.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/v2/workspaces',
        status: 200,
        tenant: 'acme',
        auth: 'basic',
      }),
    ]);
    expect(JSON.stringify(sandbox.requests)).not.toContain(key('acme', 'primary').secretKey);
  });
});

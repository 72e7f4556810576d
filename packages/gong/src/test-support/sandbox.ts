import { type GongSandbox, type SandboxCredential, startGongSandbox } from '@callmine/gong-sandbox';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { basicAuth } from '../auth.ts';
import { createGong, type Gong, type GongOptions } from '../client.ts';

// One sandbox per test file (files run in parallel), reset after each test; Gong instances closed after each test.

export const ALL_TIME = { fromDateTime: '2020-01-01T00:00:00Z', toDateTime: '2030-01-01T00:00:00Z' };
export const ACME_CALLS = 250;
export const ACME_USERS = 230;
export const GLOBEX_CALLS = 30;

export function useSandbox() {
  let sandbox: GongSandbox | undefined;
  const gongs: Gong[] = [];

  beforeAll(async () => {
    sandbox = await startGongSandbox({
      seed: 7,
      rateLimit: { perSecond: 1_000_000, perDay: 1_000_000_000 },
      callsUntil: '2026-11-01T00:00:00Z',
      callHistoryDays: 30,
      tenants: [
        {
          id: 'acme',
          name: 'Acme',
          cluster: 'standard',
          callCount: ACME_CALLS,
          userCount: ACME_USERS,
          credentials: [
            { label: 'primary', permission: 'full' },
            { label: 'no-permission', permission: 'none' },
            { label: 'revoked', permission: 'full', revoked: true },
          ],
        },
        { id: 'globex', name: 'Globex', cluster: 'us-44392', callCount: GLOBEX_CALLS },
        { id: 'hooli', name: 'Hooli', cluster: 'standard', callCount: 5, inactive: true },
      ],
    });
  });
  afterAll(() => sandbox?.close());
  afterEach(async () => {
    sandbox?.faults.reset();
    if (sandbox) sandbox.requests.length = 0;
    await Promise.all(gongs.splice(0).map((gong) => gong.close()));
  });

  const running = (): GongSandbox => {
    if (!sandbox) throw new Error('the sandbox starts in beforeAll');
    return sandbox;
  };

  const gong = (options: GongOptions = {}): Gong => {
    const instance = createGong({
      defaultBaseUrl: running().clusters.standard!.origin,
      allowedOrigins: Object.values(running().clusters).map((cluster) => cluster.origin),
      logger: { warn: () => {} },
      random: () => 0, // no backoff waits in tests; the jitter itself is unit-tested
      ratePerSecond: 50, // the limiter's exactness has its own test
      ...options,
    });
    gongs.push(instance);
    return instance;
  };

  const credential = (tenantId: string, label = 'primary'): SandboxCredential => {
    const found = running()
      .tenant(tenantId)
      .credentials.find((c) => c.label === label);
    if (!found) throw new Error(`no ${label} credential`);
    return found;
  };

  return {
    get sandbox() {
      return running();
    },
    gong,
    credential,
    /** A client for the acme tenant on the standard cluster, with the key labelled `label`. */
    acme(label = 'primary', options: GongOptions = {}) {
      const { accessKey, secretKey } = credential('acme', label);
      return gong(options).client({ credentialId: `acme-${label}`, auth: basicAuth(accessKey, secretKey) });
    },
    /** Requests the sandbox answered for `path`, oldest first. */
    apiRequests: (path: string) => running().requests.filter((r) => r.path === path),
  };
}

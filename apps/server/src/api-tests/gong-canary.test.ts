// Canary: a unique secret goes through every Gong path, then no byte of it may be found anywhere we can look.
import type { SandboxTenant } from '@callmine/gong-sandbox';
import { sharedResource } from '@callmine/testing';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { storedAtRest } from '../testing/at-rest.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';

describe('Gong credential canary', () => {
  // At Gong's real 3 per second: the client's limiter keeps every path below it (a 429 here is a bug).
  const env = sharedResource(() => startSandboxedServer());
  const responses: string[] = [];

  it('leaves no trace of the secret in the data dir, the logs or any response', async () => {
    const { sandbox, server, adminFetch } = env;
    const recording: typeof fetch = async (input, init) => {
      const response = await adminFetch(input, init);
      const body = await response.clone().text();
      responses.push(`${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}`);
      return response;
    };
    const admin = apiClient(server.url, Object.assign(recording, { cookies: adminFetch.cookies }));
    const tenant = sandbox.tenants.find((t: SandboxTenant) => t.cluster === 'standard')!;
    const good = tenant.credentials.find((c) => c.label === 'primary')!;
    const canarySecret = `canary-${crypto.randomUUID()}`;
    const other = sandbox.tenant('globex').credentials.find((c) => c.label === 'primary')!;
    const inactive = sandbox.tenant('hooli').credentials.find((c) => c.label === 'primary')!;
    const revoked = tenant.credentials.find((c) => c.label === 'revoked')!;
    const canaries = [
      good.secretKey,
      other.secretKey,
      inactive.secretKey,
      revoked.secretKey,
      Buffer.from(`${other.accessKey}:${other.secretKey}`).toString('base64'),
      canarySecret,
      Buffer.from(good.secretKey).toString('base64'),
      Buffer.from(`${good.accessKey}:${good.secretKey}`).toString('base64'),
      Buffer.from(`${good.accessKey}:${canarySecret}`).toString('base64'),
      Buffer.from(canarySecret).toString('base64'),
    ];

    // Every path: failures (wrong secret, 429, timeout, bad base URL), success, rotation, reads, disconnect.
    const attempts = [
      () =>
        admin.integrations.gong.connectBasic.mutate({ accessKey: good.accessKey, secretKey: canarySecret }),
      () => {
        sandbox.faults.latency(3000);
        return admin.integrations.gong.connectBasic.mutate({
          accessKey: good.accessKey,
          secretKey: good.secretKey,
        });
      },
      () => {
        sandbox.faults.rateLimitNext(3, 1);
        return admin.integrations.gong.connectBasic.mutate({
          accessKey: good.accessKey,
          secretKey: good.secretKey,
        });
      },
      () =>
        admin.integrations.gong.connectBasic.mutate({
          accessKey: good.accessKey,
          secretKey: canarySecret,
          baseUrl: 'https://gong.example.com',
        }),
      () =>
        admin.integrations.gong.connectBasic.mutate({
          accessKey: good.accessKey,
          secretKey: 'x',
          baseUrl: 'nope',
        }),
    ];
    for (const attempt of attempts) {
      await attempt().catch(() => undefined);
      sandbox.faults.reset();
    }
    await new Promise((resolve) => setTimeout(resolve, 1100)); // Gong's Retry-After: 1 pauses the key
    await admin.integrations.gong.connectBasic.mutate({
      accessKey: good.accessKey,
      secretKey: good.secretKey,
    });
    await admin.integrations.gong.connectBasic.mutate({
      accessKey: good.accessKey,
      secretKey: good.secretKey,
    });
    // The new paths: a revoked key, an inactive company, another company held, then confirmed (both read the
    // company's workspaces), and back.
    const globex = {
      accessKey: other.accessKey,
      secretKey: other.secretKey,
      baseUrl: sandbox.tenant('globex').baseUrl,
    };
    for (const attempt of [
      () =>
        admin.integrations.gong.connectBasic.mutate({
          accessKey: revoked.accessKey,
          secretKey: revoked.secretKey,
        }),
      () =>
        admin.integrations.gong.connectBasic.mutate({
          accessKey: inactive.accessKey,
          secretKey: inactive.secretKey,
        }),
      () => admin.integrations.gong.connectBasic.mutate(globex),
    ]) {
      await attempt().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 700)); // stay under Gong's 3 per second
    }
    await admin.integrations.gong.connectBasic.mutate({ ...globex, confirmCompanyChange: true });
    await admin.integrations.gong.connectBasic.mutate({
      accessKey: good.accessKey,
      secretKey: good.secretKey,
      confirmCompanyChange: true,
    });
    await admin.integrations.gong.get.query();
    await admin.integrations.gong.auditLog.query();
    await admin.integrations.gong.disconnect.mutate();
    await admin.integrations.gong.connectBasic.mutate({
      accessKey: good.accessKey,
      secretKey: good.secretKey,
    });
    expect((await admin.integrations.gong.get.query()).status).toBe('connected');

    const dataFiles = await storedAtRest(server, ['keyring.json', 'auth-secret']);
    const logs = server.logLines.join('\n');
    expect(responses.length).toBeGreaterThan(8);

    for (const canary of canaries) {
      for (const file of dataFiles)
        expect(file.bytes.includes(Buffer.from(canary)), `${canary} in ${file.name}`).toBe(false);
      expect(logs).not.toContain(canary);
      for (const response of responses) expect(response).not.toContain(canary);
    }
  });
});

// Settings → Integrations → Gong over real HTTP, validated against the Gong sandbox (also real HTTP).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppRouter } from '@callmine/api';
import type { GongSandbox, SandboxTenant } from '@callmine/gong-sandbox';
import { sharedResource } from '@callmine/testing';
import { TRPCClientError } from '@trpc/client';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';
import type { TestServer } from '../testing/test-server.ts';

type Client = ReturnType<typeof apiClient>;

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const e = error as TRPCClientError<AppRouter>;
      return { code: e.data?.code, reason: e.data?.reason, message: e.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const key = (tenant: SandboxTenant, label = 'primary') => {
  const credential = tenant.credentials.find((c) => c.label === label);
  if (!credential) throw new Error(`sandbox tenant ${tenant.id} has no ${label} key`);
  return { accessKey: credential.accessKey, secretKey: credential.secretKey };
};

describe('integrations.gong', () => {
  const env = sharedResource(() => startSandboxedServer());
  let sandbox: GongSandbox;
  let server: TestServer;
  let admin: Client;
  let standard: SandboxTenant;
  let regional: SandboxTenant;

  beforeAll(() => {
    ({ sandbox, server, admin } = env);
    standard = sandbox.tenants.find((t) => t.cluster === 'standard')!;
    regional = sandbox.tenants.find((t) => t.cluster !== 'standard')!;
  });
  afterEach(() => sandbox.faults.reset());

  it('connects a valid key on the standard cluster when the base URL is blank', async () => {
    expect(await admin.integrations.gong.get.query()).toEqual({ status: 'disconnected' });
    const credential = key(standard);
    const view = await admin.integrations.gong.connectBasic.mutate({ ...credential, baseUrl: '' });
    expect(view).toMatchObject({
      status: 'connected',
      method: 'basic',
      accessKeyHint: credential.accessKey.slice(-4),
      baseUrl: sandbox.clusters.standard!.origin,
      usesStandardEndpoints: true,
      connectedBy: 'Ada Admin',
      attention: null,
      // Which company: its Gong workspaces; checked just now. The validation's two requests count in the key's
      // daily budget, the one the worker's requests count in too.
      gongWorkspaces: standard.workspaces.map(({ id, name }) => ({ id, name })),
      lastCheckedAt: expect.any(String),
      budget: { used: 2, limit: 10_000, resetsAt: expect.stringMatching(/T00:00:00\.000Z$/) },
    });
    expect(sandbox.requests.map((r) => r.path)).toEqual(['/v2/users', '/v2/workspaces']);
    const raw = JSON.stringify(await admin.integrations.gong.get.query());
    expect(raw).not.toContain(credential.secretKey);
    expect(raw).not.toContain(credential.accessKey);
  });

  it('refuses a wrong secret and keeps the stored credential active', async () => {
    const before = await admin.integrations.gong.get.query();
    const result = await failure(
      admin.integrations.gong.connectBasic.mutate({
        ...key(standard),
        secretKey: 'definitely-not-the-secret',
      }),
    );
    expect(result).toMatchObject({ code: 'BAD_REQUEST', reason: 'gong-invalid-credentials' });
    // Gong answers a wrong secret and a revoked key alike: the message names both (and the base URL).
    expect(result.message).toMatch(/secret is wrong.*revoked or deleted in Gong.*base URL/);
    // Unchanged, except that the refused request counted in the access key's daily budget, as every request does.
    const after = await admin.integrations.gong.get.query();
    if (before.status === 'disconnected' || after.status === 'disconnected')
      throw new Error('expected connected');
    expect(after).toEqual({ ...before, budget: { ...before.budget, used: before.budget.used + 1 } });
  });

  it('explains a key that lacks API permission', async () => {
    const result = await failure(admin.integrations.gong.connectBasic.mutate(key(standard, 'no-permission')));
    expect(result).toMatchObject({ code: 'BAD_REQUEST', reason: 'gong-forbidden' });
    expect(result.message).toMatch(/accepted this key but gave it no API permission/);
    expect((await admin.integrations.gong.auditLog.query())[0]).toMatchObject({
      action: 'validation-failed',
      detail: 'forbidden',
    });
  });

  it('names a revoked key like a wrong secret, and an inactive company on its own', async () => {
    const revoked = await failure(admin.integrations.gong.connectBasic.mutate(key(standard, 'revoked')));
    expect(revoked).toMatchObject({ code: 'BAD_REQUEST', reason: 'gong-invalid-credentials' });
    expect(revoked.message).toMatch(/secret is wrong.*revoked or deleted in Gong/);
    const inactive = await failure(admin.integrations.gong.connectBasic.mutate(key(sandbox.tenant('hooli'))));
    expect(inactive).toMatchObject({ code: 'BAD_REQUEST', reason: 'gong-company-inactive' });
    expect(inactive.message).toMatch(/company’s account is inactive/);
    expect((await admin.integrations.gong.auditLog.query())[0]).toMatchObject({
      action: 'validation-failed',
      detail: 'company-inactive',
    });
  });

  it('gives the base-URL message for a key on the wrong cluster', async () => {
    const wrongCluster = await failure(
      admin.integrations.gong.connectBasic.mutate({ ...key(standard), baseUrl: regional.baseUrl }),
    );
    expect(wrongCluster).toMatchObject({ reason: 'gong-invalid-credentials' });
    expect(wrongCluster.message).toMatch(
      /^Gong did not accept this access key at this base URL\. Either the base URL/,
    );
  });

  it('connects a regional key with its base URL, and points at the base URL without it', async () => {
    const withoutBase = await failure(admin.integrations.gong.connectBasic.mutate(key(regional)));
    expect(withoutBase).toMatchObject({ reason: 'gong-invalid-credentials' });
    expect(withoutBase.message).toMatch(/base URL/);

    // Another company's key is held (nothing saved) until the admin confirms the change of company.
    const before = await admin.integrations.gong.get.query();
    const held = await failure(
      admin.integrations.gong.connectBasic.mutate({ ...key(regional), baseUrl: regional.baseUrl }),
    );
    expect(held).toMatchObject({ code: 'CONFLICT', reason: 'gong-different-company' });
    expect(held.message).toMatch(/different Gong company \(Globex Logistics|Globex Sales/);
    expect(held.message).toMatch(/reports made from now on are not comparable/);
    expect(await admin.integrations.gong.get.query()).toEqual(before);
    expect((await admin.integrations.gong.auditLog.query())[0]).toMatchObject({
      action: 'company-change-held',
    });

    const view = await admin.integrations.gong.connectBasic.mutate({
      ...key(regional),
      baseUrl: regional.baseUrl,
      confirmCompanyChange: true,
    });
    expect(view).toMatchObject({
      status: 'connected',
      baseUrl: regional.baseUrl,
      usesStandardEndpoints: false,
      gongWorkspaces: regional.workspaces.map(({ id, name }) => ({ id, name })),
    });
    const [entry] = await admin.integrations.gong.auditLog.query();
    expect(entry).toMatchObject({ action: 'company-changed', method: 'basic' });
    expect(entry?.detail).toBe(
      'from Acme Sales, Acme Customer Success to Globex Sales, Globex Customer Success',
    );
  });

  it('passes on Gong’s rate limit with its wait', async () => {
    sandbox.faults.rateLimitNext(5, 7);
    const result = await failure(admin.integrations.gong.connectBasic.mutate(key(standard)));
    expect(result).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'gong-rate-limited' });
    expect(result.message).toMatch(/Try again in 7 s \(after \d\d:\d\d:\d\d UTC\)/);
  });

  it('gives up on a Gong that does not answer in time, with the generic network message', async () => {
    sandbox.faults.latency(4000);
    // The regional key: Gong's Retry-After from the previous test still pauses the standard one.
    const result = await failure(
      admin.integrations.gong.connectBasic.mutate({ ...key(regional), baseUrl: regional.baseUrl }),
    );
    expect(result).toMatchObject({ code: 'BAD_GATEWAY', reason: 'gong-unreachable' });
    // The admin reads the generic message; the operator's log says which failure it was, and where.
    const logged = server.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'gong validation failed');
    expect(logged.at(-1)).toMatchObject({
      level: 40,
      baseUrl: regional.baseUrl,
      gong: { kind: 'unreachable', detail: 'timeout' },
    });
  });

  describe('a base URL that is not Gong', () => {
    let connections = 0;
    // node:http servers are AsyncDisposable (Node ≥ 20.4): disposing closes them.
    const listener = sharedResource(async () => {
      const started = createServer((_req, res) => res.end('{}'));
      started.on('connection', () => {
        connections += 1;
      });
      await new Promise<void>((resolve) => started.listen(0, '127.0.0.1', resolve));
      return started;
    });

    it.each([
      ['a local listener', () => `http://127.0.0.1:${(listener.address() as AddressInfo).port}`],
      ['another host', () => 'https://api.gong.io.evil.example'],
      ['a look-alike', () => 'https://us-44392.api-gong.io'],
    ])('is refused before any connection: %s', async (_name, url) => {
      const result = await failure(
        admin.integrations.gong.connectBasic.mutate({ ...key(standard), baseUrl: url() }),
      );
      expect(result.code).toBe('BAD_REQUEST');
      expect(result.message).toMatch(/not a Gong API address/);
      expect(connections).toBe(0);
      // The log names the rule that refused it, never the URL as typed.
      const refused = server.logLines.filter((line) => line.includes('"msg":"gong base url refused"'));
      expect(JSON.parse(refused.at(-1) ?? '{}')).toMatchObject({ level: 40, reason: expect.any(String) });
      expect(server.logLines.join('\n')).not.toContain(url());
    });
  });

  it('lets only admins connect or disconnect; members see the status', async () => {
    const invitation = await admin.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const member = apiClient(server.url, browserLikeFetch(server.url));
    await member.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max',
      password: 'max long password',
    });
    expect((await member.integrations.gong.get.query()).status).toBe('connected');
    expect((await failure(member.integrations.gong.connectBasic.mutate(key(standard)))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(member.integrations.gong.disconnect.mutate())).code).toBe('FORBIDDEN');
    expect((await failure(member.integrations.gong.auditLog.query())).code).toBe('FORBIDDEN');
  });

  it('disconnects, and the audit log tells the story without secrets', async () => {
    expect(await admin.integrations.gong.disconnect.mutate()).toEqual({ status: 'disconnected' });
    expect(await admin.integrations.gong.get.query()).toEqual({ status: 'disconnected' });
    const log = await admin.integrations.gong.auditLog.query();
    const actions = log.map((e) => e.action);
    expect(actions[0]).toBe('disconnected');
    expect(actions).toEqual(
      expect.arrayContaining(['connected', 'company-changed', 'company-change-held', 'validation-failed']),
    );
    expect(JSON.stringify(log)).not.toContain(key(standard).secretKey);
  });
});

describe('integrations.gong rate limit', () => {
  it('allows 10 connect attempts a minute per workspace, then says when to retry', async () => {
    await using env = await startSandboxedServer({ CALLMINE_GONG_CONNECT_ATTEMPTS_PER_MINUTE: '10' });
    const { admin } = env;
    const wrong = { accessKey: 'AKEY0000', secretKey: 'not-a-secret' };
    for (let i = 0; i < 10; i += 1) {
      expect((await failure(admin.integrations.gong.connectBasic.mutate(wrong))).reason).toBe(
        'gong-invalid-credentials',
      );
    }
    const limited = await failure(admin.integrations.gong.connectBasic.mutate(wrong));
    expect(limited.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.message).toMatch(/Too many connection attempts\. Try again in \d+ s/);
  });
});

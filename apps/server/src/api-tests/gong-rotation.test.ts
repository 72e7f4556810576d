// Rotation is validate-then-swap: many replacements, some failing, and concurrent admins.
import type { AppRouter } from '@callmine/api';
import type { SandboxTenant } from '@callmine/gong-sandbox';
import { sharedResource } from '@callmine/testing';
import { TRPCClientError } from '@trpc/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';
import { countRows as countTableRows, type TableName, tableSnapshot } from '../testing/table-rows.ts';

const primary = (tenant: SandboxTenant) => {
  const c = tenant.credentials.find((k) => k.label === 'primary')!;
  return { accessKey: c.accessKey, secretKey: c.secretKey };
};

const codeOf = (error: unknown) => (error as TRPCClientError<AppRouter>).data?.code;

describe('replacing the Gong key', () => {
  // Rate limits are tested elsewhere; here 50 validations should not wait on Gong's 3 per second.
  const env = sharedResource(() =>
    startSandboxedServer(
      { CALLMINE_GONG_REQUESTS_PER_SECOND: '100' },
      { rateLimit: { perSecond: 100, perDay: 100_000 } },
    ),
  );
  let standard: SandboxTenant;
  let regional: SandboxTenant;

  beforeAll(async () => {
    standard = env.sandbox.tenants.find((t) => t.cluster === 'standard')!;
    regional = env.sandbox.tenants.find((t) => t.cluster !== 'standard')!;
  });

  // 50 connects of two Gong reads each (users, workspaces) and 20 runs: more than the default 15 s on a busy machine.
  it('50 replacements, a third failing: the active credential is always the last that validated', {
    timeout: 60_000,
  }, async () => {
    const { admin, server } = env;
    const countRows = (table: TableName) => countTableRows(server.database.db, table);
    const usersBefore = await countRows('user');
    const snapshot = (table: TableName) => tableSnapshot(server.database.db, table);
    let runsBefore = '';
    let jobsBefore = '';
    let lastGood: { hint: string; baseUrl: string } | undefined;
    let successes = 0;
    for (let i = 0; i < 50; i += 1) {
      const useRegional = i % 2 === 1;
      const tenant = useRegional ? regional : standard;
      const key = primary(tenant);
      // Alternating companies on purpose (rotation under load): each change of company is confirmed.
      const input = { ...key, baseUrl: useRegional ? regional.baseUrl : '', confirmCompanyChange: true };
      if (i % 3 === 2) {
        await expect(
          admin.integrations.gong.connectBasic.mutate({ ...input, secretKey: `wrong-${i}` }),
        ).rejects.toBeInstanceOf(TRPCClientError);
      } else {
        await admin.integrations.gong.connectBasic.mutate(input);
        successes += 1;
        lastGood = { hint: key.accessKey.slice(-4), baseUrl: tenant.baseUrl };
        if (i === 0) {
          // 20 analysis runs queued under the first key (no worker here, so they stay as they are).
          for (let r = 0; r < 20; r += 1) {
            await admin.runs.start.mutate({
              from: '2026-01-01',
              to: `2026-01-${String(r + 2).padStart(2, '0')}`,
            });
          }
          runsBefore = await snapshot('analysisRun');
          jobsBefore = await snapshot('job');
        }
      }
      const view = await admin.integrations.gong.get.query();
      expect(view).toMatchObject({
        status: 'connected',
        accessKeyHint: lastGood?.hint,
        baseUrl: lastGood?.baseUrl,
      });
      if (view.status !== 'disconnected') expect(view.version).toBe(successes);
    }
    // One credential row, swapped in place; the audit has every attempt; nothing else moved.
    expect(await countRows('gongCredential')).toBe(1);
    expect(await countRows('gongAuditLog')).toBe(50);
    expect(await countRows('user')).toBe(usersBefore);
    expect(await countRows('organization')).toBe(1);
    // Runs and their jobs never hang off the credential row: byte-for-byte unchanged by 50 replacements.
    expect(await countRows('analysisRun')).toBe(20);
    expect(await snapshot('analysisRun')).toBe(runsBefore);
    expect(await snapshot('job')).toBe(jobsBefore);
  });

  it('two admins saving different keys at once: exactly one wins, the other is told of the conflict', async () => {
    const { admin, server, sandbox } = env;
    const invitation = await admin.members.invite.mutate({ email: 'bea@example.com', role: 'admin' });
    const bea = apiClient(server.url, browserLikeFetch(server.url));
    await bea.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Bea',
      password: 'bea long password',
    });
    const before = await admin.integrations.gong.get.query();

    sandbox.faults.latency(200); // both validations are in flight before either commits
    try {
      const results = await Promise.allSettled([
        admin.integrations.gong.connectBasic.mutate({ ...primary(standard), confirmCompanyChange: true }),
        bea.integrations.gong.connectBasic.mutate({
          ...primary(regional),
          baseUrl: regional.baseUrl,
          confirmCompanyChange: true,
        }),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(codeOf(lost[0]?.reason)).toBe('CONFLICT');
      expect(String((lost[0]?.reason as Error | undefined)?.message)).toMatch(
        /Another admin changed the Gong connection/,
      );
      const after = await admin.integrations.gong.get.query();
      if (before.status === 'disconnected' || after.status === 'disconnected')
        throw new Error('expected connected');
      expect(after.version).toBe(before.version + 1);
      const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
      expect(after).toEqual(winner);
    } finally {
      sandbox.faults.reset();
    }
  });
});

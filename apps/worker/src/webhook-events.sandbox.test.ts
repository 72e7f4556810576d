// The webhook events besides run.finished / report.ready (webhooks.sandbox.test.ts), each caused for real by the
// worker on the Gong sandbox and delivered signed to a local receiver: quota at 80 % and at 100 %, Gong needs
// attention, a schedule occurrence that failed. Then a master-key rotation: the endpoint's secret moves to the new
// key, the old key is retired, and the next worker's deliveries still verify with the secret shown at creation.
import { createVaultStore } from '@callmine/db';
import { sharedResource } from '@callmine/testing';
import { loadKeyRing, replaceKeyFile, retireKey, rewrapAll } from '@callmine/vault';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';
import type { TestWorker } from './testing/test-worker.ts';
import { startWebhookReceiver } from './testing/webhook-receiver.ts';

const CALLS = 60;
const ALLOWANCE = 50;

type Body = { id: string; type: string; workspaceId?: string; data: Record<string, unknown> };

const r = sharedResource(() => startWebhookReceiver());
const env = sharedResource(
  () => startRunEnv({ calls: CALLS, env: { CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin } }),
  60_000,
);
let worker: TestWorker;
let endpointId = '';
let workspaceId = '';

const bodies = (): Body[] => r.received.map((got) => JSON.parse(got.body) as Body);
const ofType = (type: string) => bodies().filter((b) => b.type === type);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const created = await env.admin.webhooks.create.mutate({
    url: r.url,
    events: ['gong.needs-attention', 'quota.reached-80', 'quota.reached-100', 'schedule.occurrence-failed'],
  });
  r.secret = created.secret;
  endpointId = created.endpoint.id;
  const [own] = await env.admin.operator.workspaces.query();
  workspaceId = own?.id ?? '';
  worker = await env.startWorker({ CALLMINE_WEBHOOK_POLL_MS: '50' }, { scheduler: false });
}, 60_000);

describe('webhook events from the worker', () => {
  it('sends quota.reached-80 and quota.reached-100 once, when a run’s charge crosses them', {
    timeout: 90_000,
  }, async () => {
    await env.admin.operator.setAllowance.mutate({ id: workspaceId, monthlyCalls: ALLOWANCE });
    const run = await env.startRun();
    const done = await env.waitFor(run.id, isFinished, 60_000);
    expect(done.status).toBe('done');
    await r.waitFor(() => ofType('quota.reached-100').length > 0 && ofType('quota.reached-80').length > 0);
    const [eighty] = ofType('quota.reached-80');
    const [hundred] = ofType('quota.reached-100');
    const month = String(eighty?.data.month);
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    expect(eighty).toMatchObject({
      id: `quota.reached-80:${workspaceId}:${month}`,
      data: { month, used: ALLOWANCE, allowance: ALLOWANCE },
    });
    expect(hundred).toMatchObject({
      id: `quota.reached-100:${workspaceId}:${month}`,
      data: { month, used: ALLOWANCE, allowance: ALLOWANCE },
    });
    // A second run of the same calls charges nothing and crosses nothing: no second announcement.
    await env.admin.operator.setAllowance.mutate({ id: workspaceId, monthlyCalls: 1000 });
    const again = await env.startRun();
    expect((await env.waitFor(again.id, isFinished, 60_000)).status).toBe('done');
    await sleep(500);
    // Each exactly once. Not in order: both come from one charge and the dispatcher sends a batch in parallel, so
    // which arrives first is a race (it flaked on PostgreSQL).
    expect(
      bodies()
        .map((b) => b.type)
        .sort(),
    ).toEqual(['quota.reached-100', 'quota.reached-80']);
    expect(r.received.every((got) => got.verified)).toBe(true);
  });

  it('sends gong.needs-attention when Gong rejects the key, and schedule.occurrence-failed for the slot that can’t run', {
    timeout: 90_000,
  }, async () => {
    const analysis = await env.admin.analyses.create.mutate({
      name: 'Daily',
      window: { kind: 'relative', lastDays: '7' },
      filters: {},
      settings: { analysers: ['talk'] },
    });
    const schedule = await env.admin.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'daily',
      time: '09:00',
      timeZone: 'UTC',
    });

    env.sandbox.faults.revoke(env.key('primary').accessKey);
    const run = await env.startRun();
    expect((await env.waitFor(run.id, isFinished, 60_000)).status).toBe('failed');
    await r.waitFor(() => ofType('gong.needs-attention').length > 0);
    const [attention] = ofType('gong.needs-attention');
    expect(attention?.data).toEqual({ status: 'rejected' });
    expect(attention?.id).toMatch(new RegExp(`^gong\\.needs-attention:${workspaceId}:\\d+:rejected$`));

    // The schedule's slot comes due while Gong needs attention: the occurrence fails, and says why.
    const { db } = env.server.database;
    await db
      .update(db.tables.schedule)
      .set({ nextSlotAt: new Date(Date.now() - 86_400_000) })
      .where(eq(db.tables.schedule.id, schedule.id));
    const ticked = await worker.scheduler.tick();
    expect(ticked.map((t) => t.kind)).toEqual(['failed']);
    await r.waitFor(() => ofType('schedule.occurrence-failed').length > 0);
    const [failed] = ofType('schedule.occurrence-failed');
    expect(failed?.data).toMatchObject({ scheduleId: schedule.id, reason: expect.stringMatching(/Gong/) });
    expect(failed?.id).toBe(`schedule.occurrence-failed:${String(failed?.data.occurrenceId)}`);
    expect(Number.isNaN(Date.parse(String(failed?.data.slot)))).toBe(false);

    await sleep(500);
    expect(ofType('gong.needs-attention')).toHaveLength(1);
    expect(ofType('schedule.occurrence-failed')).toHaveLength(1);
    expect(r.received.every((got) => got.verified)).toBe(true);
    // The receiver answers before the worker records the outcome: wait until every delivery is settled.
    await vi.waitFor(
      async () => {
        const log = await env.admin.webhooks.deliveries.query({ endpointId });
        expect(log.items.map((d) => [d.status, d.attempts])).toEqual(log.items.map(() => ['succeeded', 1]));
      },
      { timeout: 15_000, interval: 50 },
    );
  });

  it('still signs with the same secret after a master-key rotation that retires the old key', {
    timeout: 60_000,
  }, async () => {
    await worker.close();
    const { dataDir } = env.server;
    const db = env.server.database.db;
    const old = loadKeyRing({}, { dataDir, warn: () => {} });
    const ring = old.withNewActiveKey('k2');
    // What `npm run keys -- add / rewrap / retire` does, on the server's data directory.
    replaceKeyFile(old.filePath!, ring);
    const rewrapped = await rewrapAll(ring, createVaultStore(db));
    expect(rewrapped).toMatchObject({ remaining: 0 });
    expect(rewrapped.rewrapped).toBeGreaterThanOrEqual(2);
    await retireKey(ring, createVaultStore(db), old.activeKeyId);
    replaceKeyFile(old.filePath!, ring.without(old.activeKeyId));
    const [endpoint] = await db
      .select({ sealed: db.tables.webhookEndpoint.secretSealed })
      .from(db.tables.webhookEndpoint);
    expect(endpoint?.sealed.startsWith('v1.k2.')).toBe(true);

    worker = await env.startWorker({ CALLMINE_WEBHOOK_POLL_MS: '50' }, { scheduler: false });
    const before = r.received.length;
    const { deliveryId } = await env.admin.webhooks.sendTest.mutate({ endpointId });
    await r.waitFor((got) => got.length > before);
    const last = r.received.at(-1);
    expect(last).toMatchObject({ id: deliveryId, verified: true, answered: 200 });
  });
});

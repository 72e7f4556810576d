// Signed webhooks end to end: a real server and worker on one data directory, a local receiver allowed as a
// development origin that checks every signature the way the README tells receivers to.
import {
  apiClient,
  startTestServer,
  storedAtRest,
  type TestServer,
  testAdmin,
} from '@callmine/server/testing';
import { describe, expect, it, vi } from 'vitest';
import { isFinished, startRunEnv } from './testing/run-env.ts';
import { exited, spawnWorker } from './testing/spawn-worker.ts';
import { startTestWorker } from './testing/test-worker.ts';
import { startWebhookReceiver } from './testing/webhook-receiver.ts';

/** A test server with the owner signed in (`admin`); `await using` closes it. */
async function server(
  env: Record<string, string>,
  now?: () => Date,
): Promise<TestServer & { admin: ReturnType<typeof apiClient> }> {
  const s = await startTestServer(env, now ? { now } : {});
  const admin = apiClient(s.url);
  await admin.setup.createOwner.mutate(testAdmin).catch(async (error: unknown) => {
    await s.close();
    throw error;
  });
  return { ...s, admin };
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('webhooks from a real run', () => {
  it('delivers run.finished and report.ready, signed; the secret is nowhere but the receiver', {
    timeout: 90_000,
  }, async () => {
    await using r = await startWebhookReceiver();
    await using env = await startRunEnv({ calls: 60, env: { CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin } });
    const created = await env.admin.webhooks.create.mutate({
      url: r.url,
      events: ['run.finished', 'report.ready', 'schedule.occurrence-failed'],
    });
    r.secret = created.secret;
    const w = await env.startWorker({ CALLMINE_WEBHOOK_POLL_MS: '50' });
    const run = await env.startRun();
    const done = await env.waitFor(run.id, isFinished, 60_000);
    expect(done.status).toBe('done');
    await r.waitFor((got) => got.length >= 2);

    expect(r.received.every((got) => got.verified)).toBe(true);
    const bodies = r.received.map(
      (got) => JSON.parse(got.body) as { type: string; id: string; data: Record<string, unknown> },
    );
    const finished = bodies.find((b) => b.type === 'run.finished');
    const ready = bodies.find((b) => b.type === 'report.ready');
    expect(finished).toMatchObject({
      id: `run.finished:${run.id}`,
      data: { runId: run.id, outcome: 'done', error: null, callsAnalyzed: done.totals?.callsAnalyzed },
    });
    expect(ready?.data).toMatchObject({ runId: run.id, reportId: finished?.data.reportId });
    // Ids and figures only: no transcript text, no Gong key, no secret.
    const sent = r.received.map((got) => got.body).join('\n');
    for (const forbidden of [
      'monologues',
      'sentences',
      env.key().secretKey,
      env.key().accessKey,
      created.secret,
    ]) {
      expect(sent).not.toContain(forbidden);
    }
    // The receiver answers before the worker records the outcome: wait until both deliveries are settled.
    const log = await vi.waitFor(
      async () => {
        const page = await env.admin.webhooks.deliveries.query({ endpointId: created.endpoint.id });
        expect(page.items.filter((d) => d.status !== 'pending')).toHaveLength(2);
        return page;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(log.items.map((d) => [d.eventType, d.status, d.attempts])).toEqual(
      expect.arrayContaining([
        ['run.finished', 'succeeded', 1],
        ['report.ready', 'succeeded', 1],
      ]),
    );
    expect(log.items.every((d) => typeof d.lastDurationMs === 'number' && d.lastStatusCode === 200)).toBe(
      true,
    );
    await sleep(300);
    expect(r.received).toHaveLength(2);

    // The canary: the secret was in the create answer and the receiver's hands only.
    await w.close();
    for (const { name, bytes } of await storedAtRest(env.server))
      expect(bytes.includes(Buffer.from(created.secret)), name).toBe(false);
    expect([...env.server.logLines, ...w.logLines].join('\n')).not.toContain(created.secret);
    expect(JSON.stringify(await env.admin.webhooks.list.query())).not.toContain(created.secret);
  });
});

describe('retries', () => {
  it('retries a receiver answering 500 with growing gaps, and a 200 stops them', {
    timeout: 30_000,
  }, async () => {
    await using r = await startWebhookReceiver();
    await using s = await server({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin });
    const created = await s.admin.webhooks.create.mutate({ url: r.url, events: ['run.finished'] });
    r.secret = created.secret;
    r.answer = (n) => (n < 4 ? 500 : 200);
    const { deliveryId } = await s.admin.webhooks.sendTest.mutate({ endpointId: created.endpoint.id });
    await using _worker = await startTestWorker(s.dataDir, {
      CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin,
      CALLMINE_WEBHOOK_RETRY_BASE_MS: '200',
      CALLMINE_WEBHOOK_POLL_MS: '20',
    });
    await r.waitFor((got) => got.length >= 5);
    await sleep(1000);
    expect(r.received.map((got) => got.answered)).toEqual([500, 500, 500, 500, 200]);
    // Every attempt is the same delivery (same id) and verifies.
    expect(new Set(r.received.map((got) => got.id))).toEqual(new Set([deliveryId]));
    expect(r.received.every((got) => got.verified)).toBe(true);
    // Gaps: 100–200, 200–400, 400–800, 800–1600 ms (equal jitter), plus a poll interval of slack. A busy machine
    // only ever lengthens a gap, so each is held to its step's floor (they double), not to the gap before it: a
    // late attempt stretched the earlier gap at load 13 and made a comparison between gaps fail.
    const gaps = r.received.slice(1).map((got, i) => got.at - r.received[i]!.at);
    gaps.forEach((gap, i) => {
      expect(gap, `gap ${i + 1}`).toBeGreaterThanOrEqual(100 * 2 ** i);
    });
    // The fifth answer reached the receiver before the worker recorded it: wait for the record.
    const row = await vi.waitFor(
      async () => {
        const [settled] = (await s.admin.webhooks.deliveries.query({ endpointId: created.endpoint.id }))
          .items;
        expect(settled?.status).toBe('succeeded');
        return settled;
      },
      { timeout: 15_000, interval: 50 },
    );
    expect(row).toMatchObject({
      id: deliveryId,
      status: 'succeeded',
      attempts: 5,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    expect((await s.admin.webhooks.list.query())[0]?.failingSince).toBeNull();

    // Resend: one more attempt with the same webhook id.
    await s.admin.webhooks.resend.mutate({ deliveryId });
    await r.waitFor((got) => got.length >= 6);
    expect(r.received[5]?.id).toBe(deliveryId);
  });

  it('survives worker restarts: nothing lost, nothing sent again after a 200', {
    timeout: 60_000,
  }, async () => {
    await using r = await startWebhookReceiver();
    await using s = await server({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin });
    const created = await s.admin.webhooks.create.mutate({ url: r.url, events: ['run.finished'] });
    r.secret = created.secret;
    const env = {
      CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin,
      CALLMINE_WEBHOOK_RETRY_BASE_MS: '300',
      CALLMINE_WEBHOOK_TIMEOUT_MS: '1000',
      CALLMINE_WEBHOOK_POLL_MS: '20',
    };
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      ids.push((await s.admin.webhooks.sendTest.mutate({ endpointId: created.endpoint.id })).deliveryId);
    }
    // The first three deliveries' first attempts succeed; everything else fails until the second worker runs.
    let failing = true;
    r.answer = (n) => (n < 3 || !failing ? 200 : 500);
    await using first = spawnWorker(s.dataDir, env);
    await r.waitFor((got) => got.length >= 9, 30_000);
    first.kill('SIGKILL');
    await exited(first);
    const seenBeforeRestart = r.received.length;
    failing = false;
    await using _second = spawnWorker(s.dataDir, env);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const { items } = await s.admin.webhooks.deliveries.query({ endpointId: created.endpoint.id });
      if (items.length === 6 && items.every((d) => d.status === 'succeeded')) break;
      if (Date.now() > deadline) throw new Error(`not all delivered: ${JSON.stringify(items)}`);
      await sleep(100);
    }
    await sleep(1000);
    expect(r.received.length).toBeGreaterThan(seenBeforeRestart);
    // Each delivery got exactly one 2xx, and nothing after it.
    for (const id of ids) {
      const answers = r.received.filter((got) => got.id === id).map((got) => got.answered);
      expect(
        answers.filter((a) => a === 200),
        id,
      ).toHaveLength(1);
      expect(answers.at(-1), id).toBe(200);
    }
    expect(r.received.every((got) => got.verified)).toBe(true);
  });
});

describe('an endpoint failing for 3 days', () => {
  it('is disabled, with an audit row and a notice for the admin, and gets nothing more', {
    timeout: 60_000,
  }, async () => {
    let clock = new Date('2026-03-02T09:00:00Z');
    const now = () => clock;
    await using r = await startWebhookReceiver();
    r.nowSeconds = () => Math.floor(clock.getTime() / 1000);
    r.answer = 503;
    await using s = await server({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin }, now);
    const created = await s.admin.webhooks.create.mutate({ url: r.url, events: ['run.finished'] });
    r.secret = created.secret;
    await s.admin.webhooks.sendTest.mutate({ endpointId: created.endpoint.id });
    await using w = await startTestWorker(
      s.dataDir,
      { CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin },
      { now, webhooks: false, scheduler: false },
    );
    const start = clock.getTime();
    let disabledAt: number | null = null;
    for (let hour = 0; hour < 100 && disabledAt === null; hour += 1) {
      await w.webhooks.tick();
      const [endpoint] = await s.admin.webhooks.list.query();
      if (!endpoint?.enabled) disabledAt = clock.getTime();
      clock = new Date(clock.getTime() + 3_600_000);
    }
    expect(disabledAt).not.toBeNull();
    expect(disabledAt! - start).toBeGreaterThanOrEqual(72 * 3_600_000);
    expect(disabledAt! - start).toBeLessThanOrEqual(74 * 3_600_000);
    expect(r.received.every((got) => got.verified)).toBe(true);
    const [endpoint] = await s.admin.webhooks.list.query();
    expect(endpoint).toMatchObject({ enabled: false, disabledReason: 'failing' });
    expect(endpoint?.failingSince).toBe(new Date(start).toISOString());
    const audit = await s.database.db
      .select({
        via: s.database.db.tables.auditEvent.via,
        action: s.database.db.tables.auditEvent.action,
        actorId: s.database.db.tables.auditEvent.actorId,
      })
      .from(s.database.db.tables.auditEvent);
    expect(audit).toContainEqual({ via: 'system', action: 'webhook.disabled-failing', actorId: null });

    // Disabled: new events are not enqueued and nothing more is sent.
    const sent = r.received.length;
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await w.webhooks.tick()).toBe(0);
    expect(r.received).toHaveLength(sent);
    // Back on: a fresh start.
    const back = await s.admin.webhooks.update.mutate({ id: created.endpoint.id, enabled: true });
    expect(back).toMatchObject({ enabled: true, disabledReason: null, failingSince: null });
  });
});

// A day and more of retries on a fake clock, with the worker's default policy: a receiver answering 500 gets attempts
// at growing gaps (never shrinking, up to the hourly cap) for at least 24 hours, the delivery is still being retried
// then, and a later 200 stops them. The clock jumps straight to each delivery's next attempt time.
import { apiClient, startTestServer, testAdmin } from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { startTestWorker } from './testing/test-worker.ts';
import { startWebhookReceiver } from './testing/webhook-receiver.ts';

const HOUR = 3_600_000;

describe('webhook retries over a day (fake clock)', () => {
  it('retries with growing gaps for more than 24 hours, and a 200 stops them', {
    timeout: 120_000,
  }, async () => {
    let clock = new Date('2026-03-02T09:00:00Z');
    const now = () => clock;
    await using r = await startWebhookReceiver();
    r.nowSeconds = () => Math.floor(clock.getTime() / 1000);
    r.answer = 500;
    await using s = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin }, { now });
    const admin = apiClient(s.url);
    await admin.setup.createOwner.mutate(testAdmin);
    const created = await admin.webhooks.create.mutate({ url: r.url, events: ['run.finished'] });
    r.secret = created.secret;
    const endpointId = created.endpoint.id;
    const { deliveryId } = await admin.webhooks.sendTest.mutate({ endpointId });
    await using w = await startTestWorker(
      s.dataDir,
      { CALLMINE_WEBHOOK_ALLOWED_ORIGINS: r.origin },
      { now, webhooks: false, scheduler: false },
    );
    const delivery = async () => {
      const { items } = await admin.webhooks.deliveries.query({ endpointId });
      const found = items.find((d) => d.id === deliveryId);
      if (!found) throw new Error('delivery missing');
      return found;
    };

    const start = clock.getTime();
    while (clock.getTime() - start < 25 * HOUR) {
      expect(await w.webhooks.tick()).toBe(1);
      const row = await delivery();
      expect(row.status).not.toBe('succeeded');
      expect(row.nextAttemptAt, 'still retried').not.toBeNull();
      clock = new Date(row.nextAttemptAt!);
    }
    const times = r.received.map((got) => Number(got.timestamp) * 1000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    // The defaults: base 30 s, doubling, capped at an hour, equal jitter (each gap between half and all of its
    // step). Below the cap the gaps never shrink; at the cap they stay between 30 and 60 minutes. Timestamps have
    // seconds resolution, hence a second of slack.
    const BASE = 30_000;
    gaps.forEach((gap, i) => {
      const step = Math.min(BASE * 2 ** i, HOUR);
      expect(gap, `gap ${i + 1}`).toBeGreaterThanOrEqual(step / 2 - 1000);
      expect(gap, `gap ${i + 1}`).toBeLessThanOrEqual(step + 1000);
      if (step < HOUR && i > 0) expect(gap).toBeGreaterThanOrEqual(gaps[i - 1]! - 1000);
    });
    expect(gaps.filter((gap) => gap >= HOUR / 2 - 1000).length).toBeGreaterThan(10);
    expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(24 * HOUR);
    expect(r.received.every((got) => got.id === deliveryId && got.verified && got.answered === 500)).toBe(
      true,
    );
    expect(await delivery()).toMatchObject({ status: 'failed', attempts: r.received.length });

    // The receiver is back: the next attempt succeeds, and nothing is sent after it.
    r.answer = 200;
    expect(await w.webhooks.tick()).toBe(1);
    expect(await delivery()).toMatchObject({ status: 'succeeded', nextAttemptAt: null, lastStatusCode: 200 });
    const sent = r.received.length;
    clock = new Date(clock.getTime() + 3 * HOUR);
    expect(await w.webhooks.tick()).toBe(0);
    expect(r.received).toHaveLength(sent);
    expect((await admin.webhooks.list.query())[0]).toMatchObject({ enabled: true, failingSince: null });
  });
});

// The delivery queue's claims, leases and outcomes, on SQLite and on PostgreSQL.
import { enqueueWebhookEvent } from '@callmine/db';
import { dialects, openTestDatabase } from '@callmine/db/testing/databases';
import { describe, expect, it } from 'vitest';
import { claimDelivery, dueDeliveries, recordAttempt } from './delivery-store.ts';

const policy = { baseMs: 1000, maxGapMs: 60_000, retryForMs: 24 * 3_600_000, disableAfterMs: 72 * 3_600_000 };

describe.each(dialects)('webhook delivery store on %s', (dialect) => {
  const t0 = new Date('2026-03-01T10:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  /** A fresh database of this dialect, seeded; `await using` closes and removes it. */
  async function openSeeded() {
    const opened = await openTestDatabase(dialect);
    const { db } = opened;
    await db.insert(db.tables.organization).values({ id: 'ws1', name: 'Acme', slug: 'acme', createdAt: t0 });
    await db.insert(db.tables.webhookEndpoint).values({
      id: 'e1',
      workspaceId: 'ws1',
      url: 'https://hooks.example.com/x',
      events: ['run.finished'],
      secretSealed: 'v1.sealed',
      createdAt: t0,
      updatedAt: t0,
    });
    await enqueueWebhookEvent(db, {
      workspaceId: 'ws1',
      type: 'run.finished',
      eventId: 'e:1',
      data: {},
      at: t0,
    });
    return opened;
  }

  it('hands a due delivery to one claimer until its lease runs out', async () => {
    await using opened = await openSeeded();
    const { db } = opened;
    const [id] = await dueDeliveries(db, t0, 10);
    expect(id).toBeDefined();
    const first = await claimDelivery(db, id!, t0, 5000);
    expect(first).toMatchObject({ id, url: 'https://hooks.example.com/x', attempts: 0 });
    expect(await claimDelivery(db, id!, at(1000), 5000)).toBeNull();
    expect(await dueDeliveries(db, at(1000), 10)).toEqual([]);
    // The first worker died holding it: after the lease, another worker takes it over.
    expect(await claimDelivery(db, id!, at(5001), 5000)).toMatchObject({ id });
  });

  it('records a failure with a retry time, and a success that nothing sends again', async () => {
    await using opened = await openSeeded();
    const { db } = opened;
    const [id] = await dueDeliveries(db, t0, 10);
    const claimed = (await claimDelivery(db, id!, t0, 5000))!;
    const failed = await recordAttempt(
      db,
      claimed,
      { ok: false, status: 500, durationMs: 12, error: 'HTTP 500', at: t0 },
      policy,
    );
    expect(failed.kind).toBe('retry');
    const retryAt = failed.kind === 'retry' ? failed.at.getTime() - t0.getTime() : 0;
    expect(retryAt).toBeGreaterThanOrEqual(500);
    expect(retryAt).toBeLessThanOrEqual(1000);
    expect(await dueDeliveries(db, at(retryAt - 1), 10)).toEqual([]);
    const again = (await claimDelivery(db, id!, at(retryAt), 5000))!;
    expect(again.attempts).toBe(1);
    expect(
      await recordAttempt(
        db,
        again,
        { ok: true, status: 204, durationMs: 9, error: null, at: at(retryAt) },
        policy,
      ),
    ).toEqual({
      kind: 'succeeded',
    });
    expect(await dueDeliveries(db, at(3_600_000), 10)).toEqual([]);
    const [endpoint] = await db
      .select({ failingSince: db.tables.webhookEndpoint.failingSince })
      .from(db.tables.webhookEndpoint);
    expect(endpoint?.failingSince).toBeNull();
  });
});

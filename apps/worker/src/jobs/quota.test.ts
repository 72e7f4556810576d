// Charging against the monthly allowance on a real database, SQLite and PostgreSQL: decisions per call, overlap,
// retries and the UTC month boundary (with an injected clock). Cross-process races and whole runs are in
// quota.sandbox.test.ts.
import { type Database, runQuotaOutcome, setAllowanceOverride } from '@callmine/db';
import { dialects, openTestDatabase } from '@callmine/db/testing/databases';
import { asc, count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chargeRunCalls } from './quota.ts';

describe.each(dialects)('on %s', (dialect) => {
  let opened: Database;
  beforeEach(async () => {
    opened = await openTestDatabase(dialect);
    await opened.db
      .insert(opened.db.tables.organization)
      .values({ id: 'ws', name: 'W', slug: 'w', createdAt: new Date() });
  });
  afterEach(async () => {
    await opened.close();
  });

  const callIds = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => `call-${String(from + i).padStart(4, '0')}`);

  /** A run that selected these calls (what the listing phase leaves behind). */
  async function aRun(id: string, calls: string[]) {
    const { db } = opened;
    await db.insert(db.tables.analysisRun).values({
      id,
      workspaceId: 'ws',
      selection: { from: '2026-01-01', to: '2026-01-31' },
      createdAt: new Date(),
    });
    if (calls.length > 0) {
      await db.insert(db.tables.analysisRunCall).values(calls.map((callId) => ({ runId: id, callId })));
    }
    return id;
  }

  const at = (iso: string) => () => new Date(iso);
  const charge = async (runId: string, now: () => Date, defaultAllowance = 100, batchSize = 40) =>
    chargeRunCalls(opened.db, { runId, workspaceId: 'ws', defaultAllowance, now, batchSize });
  const ledger = () => {
    const { db } = opened;
    const { quotaCharge: q } = db.tables;
    return db
      .select({ month: q.month, callId: q.callId, runId: q.runId, chargedAt: q.chargedAt })
      .from(q)
      .orderBy(asc(q.month), asc(q.callId));
  };
  const perMonth = async () => {
    const { db } = opened;
    const { quotaCharge: q } = db.tables;
    const rows = await db.select({ month: q.month, n: count() }).from(q).groupBy(q.month);
    return Object.fromEntries(rows.map((r) => [r.month, r.n]));
  };

  describe('charging a run against the monthly allowance', () => {
    it('admits calls until the allowance is used, skips the rest and says so with the numbers', async () => {
      const outcome = await charge(await aRun('r1', callIds(0, 250)), at('2026-11-10T12:00:00Z'));
      expect(outcome).toEqual({
        partial: true,
        month: '2026-11',
        allowance: 100,
        used: 100,
        callsSelected: 250,
        callsAnalysed: 100,
        callsCharged: 100,
        callsSkipped: 150,
      });
      expect(await ledger()).toHaveLength(100);
    });

    it('a run within the allowance is not partial', async () => {
      expect(await charge(await aRun('r1', callIds(0, 60)), at('2026-11-10T12:00:00Z'))).toMatchObject({
        partial: false,
        used: 60,
        callsAnalysed: 60,
        callsSkipped: 0,
      });
    });

    it('overlapping runs charge the shared calls once', async () => {
      await charge(await aRun('a', callIds(0, 50)), at('2026-11-10T12:00:00Z'));
      const second = await charge(await aRun('b', callIds(30, 80)), at('2026-11-11T12:00:00Z'));
      expect(second).toMatchObject({ callsSelected: 50, callsCharged: 30, callsAnalysed: 50, used: 80 });
      expect(await ledger()).toHaveLength(80);
      expect(new Set((await ledger()).map((r) => r.callId)).size).toBe(80);
    });

    it('a retried run charges nothing extra, even when retried in the next month', async () => {
      const runId = await aRun('r1', callIds(0, 250));
      const first = await charge(runId, at('2026-11-30T23:59:00Z'));
      const before = await ledger();
      // The allowance grows and the month turns: the run's decisions were taken once and stand.
      await setAllowanceOverride(opened.db, 'ws', 1000, new Date());
      expect(await charge(runId, at('2026-12-01T00:01:00Z'))).toEqual(first);
      expect(await ledger()).toEqual(before);
      expect(await perMonth()).toEqual({ '2026-11': 100 });
    });

    it('month rollover (UTC): the new month starts from zero and a call counts once per month', async () => {
      const nov = await charge(await aRun('nov', callIds(0, 150)), at('2026-11-30T23:59:59Z'));
      expect(nov).toMatchObject({ month: '2026-11', used: 100, callsSkipped: 50 });
      // One millisecond past midnight UTC (still 30 November in New York): December's allowance.
      const dec = await charge(await aRun('dec', callIds(0, 150)), at('2026-12-01T00:00:00.001Z'));
      expect(dec).toMatchObject({
        month: '2026-12',
        used: 100,
        callsCharged: 100,
        callsSkipped: 50,
        partial: true,
      });
      expect(await perMonth()).toEqual({ '2026-11': 100, '2026-12': 100 });
      // Another December run over the same calls: the 100 charged in December are free, the rest still don't fit.
      const again = await charge(await aRun('dec2', callIds(0, 150)), at('2026-12-15T00:00:00Z'));
      expect(again).toMatchObject({ callsCharged: 0, callsAnalysed: 100, callsSkipped: 50 });
      expect(await perMonth()).toEqual({ '2026-11': 100, '2026-12': 100 });
    });

    it('a run whose batches straddle midnight charges each batch in its own month, never twice', async () => {
      let calls = 0;
      // The first batch (40 calls) is decided in November, the rest in December.
      const now = () => new Date(calls++ === 0 ? '2026-11-30T23:59:59Z' : '2026-12-01T00:00:01Z');
      const outcome = await charge(await aRun('r1', callIds(0, 90)), now, 1000);
      expect(await perMonth()).toEqual({ '2026-11': 40, '2026-12': 50 });
      expect(outcome).toMatchObject({ month: '2026-12', callsCharged: 90, callsAnalysed: 90, used: 50 });
      expect(await runQuotaOutcome(opened.db, 'r1')).toEqual(outcome);
    });

    it('uses the operator’s per-workspace allowance over the default', async () => {
      await setAllowanceOverride(opened.db, 'ws', 7, new Date());
      expect(await charge(await aRun('r1', callIds(0, 20)), at('2026-11-10T12:00:00Z'))).toMatchObject({
        allowance: 7,
        callsAnalysed: 7,
        callsSkipped: 13,
      });
    });

    it('admits the newest calls first when the allowance runs out; the oldest are the ones skipped', async () => {
      const { db } = opened;
      // Call ids follow time (call-0000 is the oldest), so the old id order would admit the oldest calls.
      const ids = callIds(0, 30);
      const startOf = (i: number) => new Date(Date.UTC(2026, 10, 1 + i, 10));
      await db.insert(db.tables.gongCallCache).values(
        ids.map((callId, i) => ({
          workspaceId: 'ws',
          callId,
          started: startOf(i),
          data: {},
          fetchedAt: new Date(),
        })),
      );
      await setAllowanceOverride(db, 'ws', 12, new Date());
      const outcome = await charge(await aRun('r1', [...ids].reverse()), at('2026-11-30T12:00:00Z'), 100, 5);
      expect(outcome).toMatchObject({ callsAnalysed: 12, callsSkipped: 18 });
      expect((await ledger()).map((r) => r.callId)).toEqual(ids.slice(18));
    });
  });
});

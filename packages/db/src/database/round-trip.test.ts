// The same rows written through drizzle with `db.tables` read back as the same JS values on SQLite and PostgreSQL:
// instants as Dates to the millisecond, JSON parsed, booleans, integers, nulls and generated ids.
import { asc } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { type Dialect, dialects, openTestDatabase } from '../testing/test-databases.ts';
import type { Db } from './types.ts';

const at = (iso: string) => new Date(iso);

const rows = {
  user: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.test', emailVerified: true },
  organization: {
    id: 'w1',
    name: 'Acme',
    slug: 'acme',
    logo: null,
    createdAt: at('2026-11-30T12:34:56.789Z'),
    metadata: null,
  },
  analysis: {
    id: 'a1',
    workspaceId: 'w1',
    name: 'Pricing objections ☕',
    window: { kind: 'relative', lastDays: 30 },
    filters: { reps: ['r1', 'r2'], externalOnly: true, minimumDurationSeconds: null, titleContains: 'café' },
    settings: {
      analysers: ['trackers'],
      trackers: [{ name: 'price', phrases: ['too "expensive"'] }],
      ratio: 0.25,
    },
    createdBy: 'u1',
    createdAt: at('1970-01-01T00:00:00.001Z'),
    updatedAt: at('2099-12-31T23:59:59.999Z'),
  },
  analysisRun: {
    id: 'run1',
    workspaceId: 'w1',
    startedBy: 'u1',
    status: 'fetching' as const,
    selection: { from: '2026-11-01', to: '2026-11-30', filters: {} },
    analysisId: 'a1',
    settings: null,
    trigger: 'schedule' as const,
    callsTotal: 2_000_000_000,
    totals: [1, 2.5, 'three', { four: [4] }, null, true],
    pausedUntil: at('2026-12-01T00:00:00.000Z'),
    cancelRequested: true,
    createdAt: at('2026-11-30T08:00:00.123Z'),
  },
  schedule: {
    id: 's1',
    workspaceId: 'w1',
    analysisId: 'a1',
    cadence: { kind: 'weekly', weekday: 1, time: '08:30' },
    timeZone: 'Europe/Zurich',
    paused: true,
    windowMode: 'since-previous' as const,
    nextSlotAt: null,
    createdBy: null,
    createdAt: at('2026-11-30T08:00:00.000Z'),
    updatedAt: at('2026-11-30T08:00:00.000Z'),
  },
  budget: { credentialKey: 'cred-1', day: '2026-11-30', used: 2999 },
};

async function writeAndRead(dialect: Dialect) {
  await using database = await openTestDatabase(dialect);
  const db: Db = database.db;
  const t = db.tables;
  await db.insert(t.user).values(rows.user);
  await db.insert(t.organization).values(rows.organization);
  await db.insert(t.analysis).values(rows.analysis);
  await db.insert(t.analysisRun).values(rows.analysisRun);
  await db.insert(t.schedule).values(rows.schedule);
  await db.insert(t.gongRequestBudget).values(rows.budget);
  const audit = {
    workspaceId: 'w1',
    via: 'token' as const,
    action: 'report.deleted',
    subjectId: 'r1',
    createdAt: at('2026-11-30T09:00:00.000Z'),
  };
  const ids = await db
    .insert(t.auditEvent)
    .values([audit, { ...audit, subjectId: 'r2' }])
    .returning({ id: t.auditEvent.id });
  const [user] = await db.select().from(t.user);
  return {
    ids,
    user,
    organization: await db.select().from(t.organization),
    analysis: await db.select().from(t.analysis),
    analysisRun: await db.select().from(t.analysisRun),
    schedule: await db.select().from(t.schedule),
    budget: await db.select().from(t.gongRequestBudget),
    audit: await db
      .select({ id: t.auditEvent.id, subjectId: t.auditEvent.subjectId, detail: t.auditEvent.detail })
      .from(t.auditEvent)
      .orderBy(asc(t.auditEvent.id)),
  };
}

it('reads back the same JS values on SQLite and PostgreSQL', async () => {
  const [sqlite, postgres] = await Promise.all(dialects.map(writeAndRead));
  for (const read of [sqlite!, postgres!]) {
    expect(read.organization).toEqual([rows.organization]);
    expect(read.analysis).toEqual([rows.analysis]);
    expect(read.schedule).toEqual([rows.schedule]);
    expect(read.budget).toEqual([rows.budget]);
    expect(read.analysisRun[0]).toMatchObject(rows.analysisRun);
    // Column defaults: false booleans, zero counters, the insert time for updated_at.
    expect(read.analysisRun[0]).toMatchObject({ listingDone: false, callsListed: 0, finishedAt: null });
    expect(read.analysisRun[0]!.updatedAt).toBeInstanceOf(Date);
    expect(Math.abs(read.analysisRun[0]!.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(read.user).toMatchObject({ ...rows.user, image: null });
    expect(read.user!.createdAt).toBeInstanceOf(Date);
    expect(read.ids).toEqual([{ id: 1 }, { id: 2 }]);
    expect(read.audit).toEqual([
      { id: 1, subjectId: 'r1', detail: null },
      { id: 2, subjectId: 'r2', detail: null },
    ]);
  }
  // Apart from the clock-given defaults, the two dialects' rows are identical.
  const withoutClock = (read: typeof sqlite) => ({
    ...read,
    user: { ...read!.user, createdAt: 'now', updatedAt: 'now' },
    analysisRun: read!.analysisRun.map((run) => ({ ...run, updatedAt: 'now' })),
  });
  expect(withoutClock(postgres)).toEqual(withoutClock(sqlite));
});

// The listing checkpoint on a real database, SQLite and PostgreSQL: a page moves the run's cursor only from the
// cursor it was fetched with, so a stale copy of the run (a second claim of the job, or a handler that waited out a
// database outage that lost its last acknowledged write) can never move the cursor past a page it did not store.
import type { Database } from '@callmine/db';
import { dialects, openTestDatabase } from '@callmine/db/testing/databases';
import type { GongExtensiveCall } from '@callmine/gong';
import { disposable } from '@callmine/testing';
import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { checkpointListing, checkpointTranscripts, loadRun, startAnalysing } from './run-store.ts';

const page = (from: number, to: number): GongExtensiveCall[] =>
  Array.from({ length: to - from }, (_, i) => ({
    metaData: {
      id: `call-${from + i}`,
      started: '2026-11-02T10:00:00Z',
      duration: 600,
      title: `Call ${from + i}`,
    },
  }));

async function aRun(dialect: (typeof dialects)[number]) {
  const opened: Database = await openTestDatabase(dialect);
  const { db } = opened;
  await db.insert(db.tables.organization).values({ id: 'ws', name: 'W', slug: 'w', createdAt: new Date() });
  await db.insert(db.tables.analysisRun).values({
    id: 'run',
    workspaceId: 'ws',
    selection: { from: '2026-11-01', to: '2026-11-30' },
    createdAt: new Date(),
  });
  const checkpoint = (
    fromCursor: string | null,
    calls: GongExtensiveCall[],
    nextCursor: string | undefined,
  ) =>
    checkpointListing(db, {
      runId: 'run',
      workspaceId: 'ws',
      fromCursor,
      calls,
      selected: new Set(calls.map((call) => call.metaData.id)),
      nextCursor,
      requests: 1,
      credentialVersion: 1,
      at: new Date(),
    });
  const runCalls = async () => {
    const { analysisRunCall: rc } = db.tables;
    const [row] = await db.select({ n: count() }).from(rc).where(eq(rc.runId, 'run'));
    return row?.n ?? 0;
  };
  return Object.assign(disposable(opened), { db, checkpoint, runCalls });
}

describe.each(dialects)('the listing checkpoint on %s', (dialect) => {
  it('moves the cursor page by page from the cursor each page was fetched with', async () => {
    await using run = await aRun(dialect);
    expect(await run.checkpoint(null, page(0, 100), 'c1')).toBe(true);
    expect(await run.checkpoint('c1', page(100, 200), 'c2')).toBe(true);
    expect(await run.checkpoint('c2', page(200, 250), undefined)).toBe(true);
    expect(await loadRun(run.db, 'run')).toMatchObject({
      listCursor: null,
      listingDone: true,
      callsListed: 250,
      callsTotal: 250,
      requestsUsed: 3,
    });
    expect(await run.runCalls()).toBe(250);
  });

  it('refuses a page fetched from a cursor the run no longer has, and writes none of it', async () => {
    await using run = await aRun(dialect);
    expect(await run.checkpoint(null, page(0, 100), 'c1')).toBe(true);
    // A stale holder saw the run at c2 (a write that was lost), fetched the page after it, and comes back.
    expect(await run.checkpoint('c2', page(200, 300), 'c3')).toBe(false);
    expect(await loadRun(run.db, 'run')).toMatchObject({
      listCursor: 'c1',
      listingDone: false,
      callsListed: 100,
      callsTotal: 100,
      requestsUsed: 1,
    });
    expect(await run.runCalls()).toBe(100);
    const { gongCallCache: cache } = run.db.tables;
    const [cached] = await run.db.select({ n: count() }).from(cache).where(eq(cache.callId, 'call-200'));
    expect(cached?.n).toBe(0);
    // A page repeated by a second claim of the job after the first one stored it is refused the same way.
    expect(await run.checkpoint('c1', page(100, 200), 'c2')).toBe(true);
    expect(await run.checkpoint('c1', page(100, 200), 'c2')).toBe(false);
    expect(await run.checkpoint('c2', page(200, 210), undefined)).toBe(true);
    // Once the listing is done, nothing reopens it.
    expect(await run.checkpoint('c2', page(200, 210), undefined)).toBe(false);
    expect(await loadRun(run.db, 'run')).toMatchObject({ listingDone: true, callsTotal: 210 });
  });

  it('counts the transcripts another run of the workspace fetched when the run starts analysing', async () => {
    await using run = await aRun(dialect);
    const { db } = run;
    await db.insert(db.tables.analysisRun).values({
      id: 'other',
      workspaceId: 'ws',
      selection: { from: '2026-11-01', to: '2026-11-30' },
      createdAt: new Date(),
    });
    const calls = page(0, 20);
    const ids = calls.map((call) => call.metaData.id);
    // Both runs list the same calls; the other run fetches every transcript after this run's last page.
    expect(await run.checkpoint(null, calls, undefined)).toBe(true);
    await checkpointListing(db, {
      runId: 'other',
      workspaceId: 'ws',
      fromCursor: null,
      calls,
      selected: new Set(ids),
      nextCursor: undefined,
      requests: 1,
      credentialVersion: 1,
      at: new Date(),
    });
    await checkpointTranscripts(db, {
      runId: 'other',
      workspaceId: 'ws',
      asked: ids,
      transcripts: ids.map((callId) => ({ callId, transcript: [] })),
      requests: 1,
      credentialVersion: 1,
      at: new Date(),
    });
    expect(await loadRun(db, 'other')).toMatchObject({ callsFetched: 20 });
    // This run has nothing left to fetch, so no transcript checkpoint of its own moves its count.
    expect(await loadRun(db, 'run')).toMatchObject({ callsFetched: 0 });
    await startAnalysing(db, 'run', 'ws', new Date());
    expect(await loadRun(db, 'run')).toMatchObject({ status: 'analyzing', callsFetched: 20 });
  });
});

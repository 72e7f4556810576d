// The report view's API over real HTTP on a 1,000-call report computed by the real engine from the Gong sandbox:
// the first load stays small (the evidence and the calls are paged), the pages add up to what the report holds, the
// filters narrow consistently, and another workspace's report is NOT_FOUND on every procedure.

import type { GongSandbox } from '@callmine/gong-sandbox';
import { sharedResource } from '@callmine/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';
import { SEED_TRACKERS, seedReport } from '../testing/seed-report.ts';

const env = sharedResource(() => startSandboxedServer({}, { callsPerTenant: 1000 }), 120_000);
let sandbox: GongSandbox;
let reportId: string;
let seeded: Awaited<ReturnType<typeof seedReport>>;

/** A tRPC query over plain HTTP, as the page makes it: the JSON body's size before compression, and its data. */
async function get(path: string, input: unknown) {
  const response = await env.adminFetch(
    `${env.server.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`,
  );
  const text = await response.text();
  return { status: response.status, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

beforeAll(async () => {
  sandbox = env.sandbox;
  // The settings a real analysis keeps by default: 50 themes and question groups, 50 sentences of evidence each.
  seeded = await seedReport(env.server, sandbox, {
    calls: 1000,
    settings: { trackers: SEED_TRACKERS, evidenceLimit: 50, topN: 50 },
  });
  reportId = seeded.id;
}, 120_000);

describe('a 1,000-call report through the paged API', { timeout: 60_000 }, () => {
  it('loads in at most 100 KB of JSON: the header and counts, then the first pages the page shows', async () => {
    const stored = (await get('reports.export', { id: reportId })).bytes;
    const overview = await get('reports.get', { id: reportId });
    const calls = await get('reports.calls', { reportId, limit: 20 });
    const evidence = await get('reports.evidence', { reportId, section: 'trackers', limit: 20 });
    expect(overview.status).toBe(200);
    const firstLoad = overview.bytes + calls.bytes + evidence.bytes;
    console.info(
      `first load ${firstLoad} bytes (get ${overview.bytes}, calls ${calls.bytes}, evidence ${evidence.bytes}); whole report ${stored} bytes`,
    );
    expect(firstLoad).toBeLessThanOrEqual(100_000);
    // The whole report is several times that: the paging is what keeps the first load small.
    expect(stored).toBeGreaterThan(3 * firstLoad);
    const data = overview.body.result.data;
    expect(data.callsAnalyzed).toBe(1000);
    expect(data.result.trackers[0]).not.toHaveProperty('evidence');
    expect(data.result.trackers[0]).not.toHaveProperty('byCall');
    expect(data.trends.team.calls).toBe(1000);
  });

  it('pages every call once, in the chosen order, and every kept sentence of a tracker once', async () => {
    const seen: string[] = [];
    let cursor: number | null = 0;
    while (cursor !== null) {
      const page = await env.admin.reports.calls.query({ reportId, sort: 'oldest', cursor, limit: 100 });
      expect(page.total).toBe(1000);
      seen.push(...page.items.map((c) => c.started));
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(1000);
    expect(seen).toEqual([...seen].sort());

    const tracker = [...seeded.result.trackers!].sort((a, b) => b.mentions - a.mentions)[0]!;
    const sentences: string[] = [];
    cursor = 0;
    while (cursor !== null) {
      const page = await env.admin.reports.evidence.query({
        reportId,
        section: 'trackers',
        key: tracker.name,
        cursor,
        limit: 7,
      });
      expect(page.total).toBe(tracker.evidence.length);
      for (const item of page.items) {
        expect(item.repName).toBe(seeded.reps[item.repId]);
        expect(item.callTitle).toBe(seeded.calls.find((c) => c.id === item.callId)?.title);
        sentences.push(`${item.callId}:${item.sentenceIndex}`);
      }
      cursor = page.nextCursor;
    }
    expect(new Set(sentences).size).toBe(tracker.evidence.length);
  });

  it('a rep filter narrows the counts, the calls and the evidence alike', async () => {
    const rep = seeded.calls[0]!.repId;
    const repCalls = seeded.calls.filter((c) => c.repId === rep);
    const view = await env.admin.reports.get.query({ id: reportId, rep });
    expect(view.matchingCalls).toBe(repCalls.length);
    const tracker = seeded.result.trackers!.find((t) => t.mentions > 0)!;
    const expected = repCalls.reduce((sum, c) => sum + (tracker.byCall[c.id] ?? 0), 0);
    expect(view.filteredTrackers?.find((t) => t.name === tracker.name)?.mentions).toBe(expected);
    // The rep comparison keeps every rep; the weekly series cover only this rep's calls.
    expect(view.trends.team.calls).toBe(1000);
    expect(view.trends.weeks.reduce((sum, w) => sum + w.calls, 0)).toBe(repCalls.length);
    const calls = await env.admin.reports.calls.query({ reportId, rep, limit: 100 });
    expect(calls.total).toBe(repCalls.length);
    const evidence = await env.admin.reports.evidence.query({
      reportId,
      section: 'questions',
      rep,
      limit: 100,
    });
    expect(evidence.items.length).toBeGreaterThan(0);
    expect(evidence.items.every((e) => e.repId === rep)).toBe(true);
  });

  it('the deal filters (outcome, stage) narrow the counts, the calls and the evidence alike', async () => {
    const view = await env.admin.reports.get.query({ id: reportId });
    const deals = view.result.deals!;
    const lost = seeded.calls.filter((c) => c.deal?.opportunity?.outcome === 'lost');
    // The deal counts are of transcribed calls; the filter keeps every call of the slice.
    expect(lost.length).toBeGreaterThanOrEqual(deals.outcome.lost);
    expect(lost.length).toBeGreaterThan(0);
    const lostView = await env.admin.reports.get.query({ id: reportId, outcome: 'lost' });
    expect(lostView.matchingCalls).toBe(lost.length);
    const tracker = seeded.result.trackers!.find((t) => t.mentions > 0)!;
    expect(lostView.filteredTrackers?.find((t) => t.name === tracker.name)?.callsMentioning).toBe(
      tracker.byDeal!.outcome.lost,
    );
    const noDeal = await env.admin.reports.calls.query({ reportId, outcome: 'none', limit: 100 });
    expect(noDeal.total).toBe(seeded.calls.filter((c) => !c.deal?.opportunity).length);
    // A stage and an outcome together: the calls of open deals in that stage.
    const stage = seeded.calls.find((c) => c.deal?.opportunity?.outcome === 'open')!.deal!.opportunity!
      .stage!;
    const both = seeded.calls.filter(
      (c) => c.deal?.opportunity?.stage === stage && c.deal.opportunity.outcome === 'open',
    );
    const calls = await env.admin.reports.calls.query({ reportId, stage, outcome: 'open', limit: 100 });
    expect(calls.total).toBe(both.length);
    const lostIds = new Set(lost.map((c) => c.id));
    const evidence = await env.admin.reports.evidence.query({
      reportId,
      section: 'questions',
      outcome: 'lost',
      limit: 100,
    });
    expect(evidence.items.length).toBeGreaterThan(0);
    expect(evidence.items.every((e) => lostIds.has(e.callId))).toBe(true);
    const bad = await get('reports.get', { id: reportId, outcome: 'maybe' });
    expect(bad.status).toBe(400);
  });

  it('a search finds sentences by their words', async () => {
    const word = seeded.result.trackers!.find((t) => t.evidence.length > 0)!.evidence[0]!.text.split(' ')[0]!;
    const page = await env.admin.reports.evidence.query({
      reportId,
      section: 'trackers',
      search: word,
      limit: 50,
    });
    expect(page.total).toBeGreaterThan(0);
    expect(
      page.items.every(
        (e) =>
          e.text.toLowerCase().includes(word.toLowerCase()) ||
          e.callTitle.toLowerCase().includes(word.toLowerCase()),
      ),
    ).toBe(true);
  });

  it('another workspace’s report is NOT_FOUND on every procedure', async () => {
    const db = env.server.database.db;
    await db
      .insert(db.tables.organization)
      .values({ id: 'ws-beta', name: 'Beta', slug: 'beta', createdAt: new Date() });
    const theirs = (await seedReport(env.server, sandbox, { calls: 5, workspaceId: 'ws-beta' })).id;
    // Called one at a time: a call started early could reject before its expect() listens (unhandled rejection).
    const attempts = [
      () => env.admin.reports.get.query({ id: theirs }),
      () => env.admin.reports.calls.query({ reportId: theirs }),
      () => env.admin.reports.evidence.query({ reportId: theirs, section: 'trackers' }),
      () => env.admin.reports.export.query({ id: theirs }),
    ];
    for (const attempt of attempts)
      await expect(attempt()).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
    // The same procedures answer for this workspace's own report.
    expect((await env.admin.reports.calls.query({ reportId, limit: 1 })).items).toHaveLength(1);
  });

  it('a report read (and kept parsed by the server) then deleted is NOT_FOUND on every page', async () => {
    // In the admin's workspace by name: an earlier test added a second one.
    const gone = (await seedReport(env.server, sandbox, { calls: 5, workspaceId: seeded.workspaceId })).id;
    const pages = [
      () => env.admin.reports.get.query({ id: gone }),
      () => env.admin.reports.calls.query({ reportId: gone }),
      () => env.admin.reports.evidence.query({ reportId: gone, section: 'trackers' }),
    ];
    for (const page of pages) await page();
    await env.admin.reports.delete.mutate({ id: gone });
    for (const page of pages) await expect(page()).rejects.toMatchObject({ data: { code: 'NOT_FOUND' } });
  });
});

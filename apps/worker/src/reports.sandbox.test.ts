// A run's report, end to end: a saved analysis started through the API, fetched by the worker from the Gong
// sandbox over real HTTP, analysed by the real engine and stored in the real SQLite file; read back through
// reports.get. The sandbox knows, sentence by sentence, what it wrote, so the report's counts are checked exactly.
import { COMPETITORS, PRICING_TERMS } from '@callmine/gong-sandbox';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { isFinished, type RunEnv, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';

const asPhrases = (terms: readonly string[]) => terms.map((phrase) => ({ phrase, synonyms: [] }));
const SANDBOX_TRACKERS = [
  { name: 'Competitors', phrases: asPhrases(COMPETITORS) },
  { name: 'Pricing', phrases: asPhrases(PRICING_TERMS) },
];

async function runAnalysis(e: RunEnv, name: string, window: { from: string; to: string }) {
  const analysis = await e.admin.analyses.create.mutate({
    name,
    window: { kind: 'absolute', ...window },
    filters: {},
    settings: { trackers: SANDBOX_TRACKERS },
  });
  const queued = await e.admin.analyses.run.mutate({ id: analysis.id });
  return { analysis, queued };
}

type SandboxDeal = ReturnType<RunEnv['sandbox']['tenant']>['calls'] extends { dealOf(c: never): infer D }
  ? D
  : never;

/** The deal the worker should have read from the sandbox's CRM context. */
function expectedDeal(deal: SandboxDeal) {
  if (!deal) return null;
  const o = deal.opportunity;
  return {
    system: 'Salesforce',
    account: deal.account,
    opportunity: o && {
      id: o.id,
      name: o.name,
      stage: o.stage,
      amount: o.amount,
      closeDate: o.closeDate,
      outcome: o.isClosed ? (o.isWon ? 'won' : 'lost') : 'open',
    },
  };
}

/** The stored report row's bytes, as SQLite holds them. */
describe('a run over the sandbox writes a report', () => {
  it("whose counts match the sandbox's ground truth", { timeout: 60_000 }, async () => {
    await using env = await startRunEnv();
    const truth = env.sandbox.groundTruth('acme');
    const { analysis, queued } = await runAnalysis(env, 'Sandbox trackers', WHOLE_HISTORY);
    const worker = await env.startWorker();
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(run.reportId).not.toBeNull();
    // The Runs page keeps its totals.
    expect(run.totals).toMatchObject({ callsAnalyzed: truth.callCount, transcripts: truth.transcriptCount });

    const report = await env.admin.reports.export.query({ id: run.reportId! });
    expect(report).toMatchObject({
      name: `Sandbox trackers · ${WHOLE_HISTORY.from} to ${WHOLE_HISTORY.to}`,
      runId: run.id,
      analysisId: analysis.id,
      from: WHOLE_HISTORY.from,
      to: WHOLE_HISTORY.to,
      callsAnalyzed: truth.callCount,
      partial: null,
      createdBy: 'Ada Admin',
      credentialVersion: 1,
      runStartedAt: run.startedAt,
    });
    expect(report.parameters.settings.trackers.map((t) => t.name)).toEqual(['Competitors', 'Pricing']);
    // Nothing older than the whole history is cached: the themes and trackers had no previous period to compare with.
    expect(report.parameters.previousPeriod).toEqual({
      from: '2025-06-02',
      to: '2025-11-30',
      calls: 0,
      trackers: [],
    });
    expect(report.result.themes!.themes.every((t) => t.previousRatePerThousand === null)).toBe(true);

    const { result } = report;
    expect(result.calls).toEqual({
      total: truth.callCount,
      withTranscript: truth.transcriptCount,
      sentences: truth.sentenceCount,
    });
    const phrases = result.trackers!.flatMap((t) => t.phrases);
    const by = <T>(f: (p: (typeof phrases)[number]) => T) =>
      Object.fromEntries(phrases.map((p) => [p.phrase, f(p)]));
    expect(Object.values(truth.mentions).every((n) => n > 0)).toBe(true);
    expect(by((p) => p.mentions)).toEqual(truth.mentions);
    expect(by((p) => p.callsMentioning)).toEqual(truth.callsMentioning);
    // The ground truth files Unknown speakers under Internal.
    expect(by((p) => p.bySide.internal + p.bySide.unknown)).toEqual(truth.mentionsByAffiliation.Internal);
    expect(by((p) => p.bySide.external)).toEqual(truth.mentionsByAffiliation.External);
    expect(result.questions!.total).toBe(truth.questionsByExternal);

    // Every call is listed with its Gong URL, and every piece of evidence points at one of them.
    const data = env.sandbox.tenant('acme').calls;
    expect(report.calls).toHaveLength(truth.callCount);
    const first = data.call(0).metaData;
    expect(report.calls.find((c) => c.id === first.id)).toEqual({
      id: first.id,
      title: first.title,
      url: first.url,
      started: first.started,
      durationSeconds: Math.round(first.duration),
      repId: first.primaryUserId,
      deal: expectedDeal(data.dealOf(data.call(0))),
    });
    // The CRM context came in the listing pages themselves (one request per 100 calls, none extra), and the
    // report slices by it exactly as the sandbox's CRM says.
    const listings = env.sandbox.requests.filter((r) => r.path === '/v2/calls/extensive' && r.status === 200);
    expect(listings).toHaveLength(Math.ceil(truth.callCount / 100));
    expect(result.deals!.outcome).toEqual(truth.deals.calls);
    expect(result.deals!.stage).toEqual(truth.deals.callsByStage);
    expect(report.calls.filter((c) => c.deal === null).length).toBeGreaterThan(0);
    expect(result.trackers!.every((t) => t.byDeal !== undefined)).toBe(true);
    const callIds = new Set(report.calls.map((c) => c.id));
    const evidence = [
      ...result.trackers!.flatMap((t) => t.evidence),
      ...result.questions!.groups.flatMap((g) => g.evidence),
    ];
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((e) => callIds.has(e.callId))).toBe(true);
    // Every rep in the talk metrics has a name, as Gong's parties give it.
    const users = new Map(env.sandbox.tenant('acme').calls.users.map((u) => [u.id, u]));
    expect(result.talk!.length).toBeGreaterThan(1);
    for (const rep of result.talk!) {
      const user = users.get(rep.repId)!;
      expect(report.reps[rep.repId]).toBe(`${user.firstName} ${user.lastName}`);
    }

    // Bounded: evidenceLimit and topN cap the result, so 1,000 calls make a report of a few hundred kilobytes.
    // Measured as the JSON text the columns hold (the same on SQLite's text and PostgreSQL's jsonb).
    const { report: reportTable } = worker.database.db.tables;
    const [stored] = await worker.database.db
      .select({
        parameters: reportTable.parameters,
        calls: reportTable.calls,
        reps: reportTable.reps,
        result: reportTable.result,
      })
      .from(reportTable)
      .where(eq(reportTable.runId, run.id));
    const length = (value: unknown) => JSON.stringify(value).length;
    const size = {
      bytes:
        length(stored?.parameters) + length(stored?.calls) + length(stored?.reps) + length(stored?.result),
      calls: length(stored?.calls),
      result: length(stored?.result),
    };
    console.info(`report for ${truth.callCount} calls: ${JSON.stringify(size)} bytes`);
    expect(size.bytes).toBeLessThan(2_000_000);
  });
});

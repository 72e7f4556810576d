// What makes a report trustworthy: one per run whatever crashes and retries happen around its commit, never
// changed afterwards (credential rotation, disconnection, editing or deleting its analysis), themes compared only
// with what the cache already holds, and a schedule's or an old run's report made with the right defaults.
import { analyze } from '@callmine/analysis';
import { createAnalysisRun } from '@callmine/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AD_HOC_DEFAULTS, buildReport } from './jobs/analysing.ts';
import { commitReport } from './jobs/report-store.ts';
import { loadRun } from './jobs/run-store.ts';
import { isFinished, type RunEnv, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';
import type { TestWorker } from './testing/test-worker.ts';

const TRACKERS = [{ name: 'Competitors', phrases: [{ phrase: 'Clari', synonyms: [] }] }];

async function saveAndRun(e: RunEnv, window: { from: string; to: string }) {
  const analysis = await e.admin.analyses.create.mutate({
    name: 'Clari watch',
    window: { kind: 'absolute', ...window },
    filters: {},
    settings: { trackers: TRACKERS },
  });
  return { analysis, queued: await e.admin.analyses.run.mutate({ id: analysis.id }) };
}

// Through the data layer, so the file runs on SQLite and PostgreSQL alike.
const reportRows = (w: TestWorker, runId: string) => {
  const { db } = w.database;
  return db.select().from(db.tables.report).where(eq(db.tables.report.runId, runId));
};
/** The run's job row (the payload is JSON text on SQLite and jsonb on PostgreSQL: matched here, not in SQL). */
async function runJob(w: TestWorker, runId: string) {
  const { db } = w.database;
  const { job } = db.tables;
  const jobs = await db
    .select({ id: job.id, status: job.status, attempts: job.attempts, payload: job.payload })
    .from(job);
  const found = jobs.find((row) => (row.payload as { runId?: string }).runId === runId);
  if (!found) throw new Error(`no job for run ${runId}`);
  return found;
}
const jobOf = async (w: TestWorker, runId: string) => {
  const { status, attempts } = await runJob(w, runId);
  return { status, attempts };
};

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('a report', () => {
  it('is written once across a crash before its commit and retries after it', {
    timeout: 60_000,
  }, async () => {
    await using env = await startRunEnv({ calls: 200 });
    const { queued } = await saveAndRun(env, WHOLE_HISTORY);
    let analyses = 0;
    const worker = await env.startWorker(
      {},
      {
        analyze(input, settings) {
          const result = analyze(input, settings);
          analyses += 1;
          // The worker dies with the result in hand, before the transaction that would store it.
          if (analyses === 1) throw new Error('worker died between analysing and committing');
          return result;
        },
      },
    );
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(analyses).toBe(2);
    expect(await jobOf(worker, run.id)).toEqual({ status: 'done', attempts: 2 });
    const [stored, ...more] = await reportRows(worker, run.id);
    expect(more).toEqual([]);
    expect(stored!.id).toBe(run.reportId);

    // Crashed after the commit but before the queue heard the job was done: the job runs again, finds the run
    // done, and neither analyses nor writes.
    const { db } = worker.database;
    await db
      .update(db.tables.job)
      .set({ status: 'queued', runAfter: new Date(0), leaseOwner: null, leaseExpiresAt: null })
      .where(eq(db.tables.job.id, (await runJob(worker, run.id)).id));
    await until(
      () => jobOf(worker, run.id),
      (job) => job.status === 'done' && job.attempts === 3,
    );
    expect(analyses).toBe(2);
    expect(await reportRows(worker, run.id)).toEqual([stored]);

    // A second worker that took over an expired lease and analysed too: its commit finds the report and stops.
    const late = await buildReport(worker.database.db, (await loadRun(worker.database.db, run.id))!, analyze);
    late.name = 'A different outcome';
    expect(await commitReport(worker.database.db, run.id, late, new Date())).toEqual({
      kind: 'already-finished',
      reportId: run.reportId,
    });
    expect(await reportRows(worker, run.id)).toEqual([stored]);
  });

  it('stays byte for byte the same through rotation, a change of Gong company, disconnection and edits to its analysis', {
    timeout: 60_000,
  }, async () => {
    await using env = await startRunEnv({ calls: 200 });
    const { analysis, queued } = await saveAndRun(env, WHOLE_HISTORY);
    const worker = await env.startWorker();
    const run = await env.waitFor(queued.id, isFinished);
    const [before] = await reportRows(worker, run.id);
    const view = await env.admin.reports.export.query({ id: run.reportId! });
    expect(view.credentialVersion).toBe(1);

    const primary = env.key();
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: primary.accessKey,
      secretKey: primary.secretKey,
      baseUrl: '',
    });
    // A confirmed change of Gong company: the report keeps the calls (titles, Gong URLs) it was made from.
    const globex = env.sandbox.tenant('globex');
    const other = globex.credentials[0]!;
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: other.accessKey,
      secretKey: other.secretKey,
      baseUrl: globex.baseUrl,
      confirmCompanyChange: true,
    });
    expect((await env.admin.integrations.gong.auditLog.query())[0]?.action).toBe('company-changed');
    const afterChange = await env.admin.reports.export.query({ id: run.reportId! });
    expect(afterChange.calls.length).toBeGreaterThan(0);
    expect(afterChange.calls).toEqual(view.calls);
    expect(await reportRows(worker, run.id)).toEqual([before]);
    await env.admin.integrations.gong.disconnect.mutate();
    await env.admin.analyses.update.mutate({
      id: analysis.id,
      name: 'Renamed',
      window: { kind: 'relative', lastDays: '7' },
      filters: { externalOnly: 'yes' },
      settings: { analysers: ['talk'] },
    });
    expect(await reportRows(worker, run.id)).toEqual([before]);
    expect(await env.admin.reports.export.query({ id: run.reportId! })).toEqual(view);

    // Deleting the analysis only unlinks the report from it (analysis_id → null); its content is untouched.
    await env.admin.analyses.delete.mutate({ id: analysis.id });
    expect(await reportRows(worker, run.id)).toEqual([{ ...before, analysisId: null }]);
    expect(await env.admin.reports.export.query({ id: run.reportId! })).toEqual({
      ...view,
      analysisId: null,
    });
  });

  it('compares themes with the previous period from the cache, without asking Gong for it', {
    timeout: 60_000,
  }, async () => {
    await using env = await startRunEnv({ calls: 300 });
    // The whole history first, so the cache holds April's calls and transcripts.
    const first = await saveAndRun(env, WHOLE_HISTORY);
    await env.startWorker();
    await env.waitFor(first.queued.id, isFinished);

    env.sandbox.requests.length = 0;
    const may = await saveAndRun(env, { from: '2026-05-01', to: '2026-05-31' });
    const run = await env.waitFor(may.queued.id, isFinished);
    expect(run.status).toBe('done');
    expect(env.runRequests().every((r) => r.path === '/v2/calls/extensive')).toBe(true);

    // The previous 31 days: 31 March to 30 April, every call there with a transcript.
    const data = env.sandbox.tenant('acme').calls;
    let expected = 0;
    for (const call of data.calls()) {
      const started = call.metaData.started;
      if (call.hasTranscript && started >= '2026-03-31T00:00:00' && started < '2026-05-01T00:00:00')
        expected += 1;
    }
    expect(expected).toBeGreaterThan(0);
    const report = await env.admin.reports.export.query({ id: run.reportId! });
    expect(report.parameters.previousPeriod).toMatchObject({
      from: '2026-03-31',
      to: '2026-04-30',
      calls: expected,
    });
    const themes = report.result.themes!.themes;
    expect(themes.length).toBeGreaterThan(0);
    expect(themes.every((t) => typeof t.previousRatePerThousand === 'number')).toBe(true);
  });

  it("of a schedule's run is by 'Schedule', spans its instants' dates and uses the defaults an old run had", {
    timeout: 60_000,
  }, async () => {
    await using env = await startRunEnv({ calls: 200 });
    const worker = await env.startWorker();
    const db = worker.database.db;
    const [workspace] = await db.select({ id: db.tables.organization.id }).from(db.tables.organization);
    const workspaceId = workspace!.id;
    const runId = await db.transaction(async (tx) =>
      createAnalysisRun(tx, worker.queues, {
        workspaceId,
        startedBy: null,
        analysisId: null,
        name: 'Weekly digest',
        selection: {
          from: '2026-05-18',
          to: '2026-05-25',
          fromDateTime: '2026-05-18T07:00:00.000Z',
          toDateTime: '2026-05-25T07:00:00.000Z',
          repEmails: [],
          externalOnly: false,
          minDurationMinutes: 0,
          titleContains: '',
        },
        // A run from before settings were snapshotted.
        settings: null,
        trigger: 'schedule',
        at: new Date(),
      }),
    );
    const run = await env.waitFor(runId, isFinished);
    expect(run.status).toBe('done');
    const report = await env.admin.reports.export.query({ id: run.reportId! });
    expect(report).toMatchObject({
      // A run that recorded no analysis is named by its days (contracts' runName); its trigger says Schedule.
      name: 'Ad-hoc run · 2026-05-18 to 2026-05-25',
      from: '2026-05-18',
      to: '2026-05-25',
      createdBy: 'Schedule',
      callsAnalyzed: run.progress.callsTotal,
    });
    expect(report.parameters.settings).toEqual(AD_HOC_DEFAULTS);
    expect(report.parameters.previousPeriod).toMatchObject({ from: '2026-05-11', to: '2026-05-18' });
    expect(report.result.trackers!.map((t) => t.name)).toEqual(AD_HOC_DEFAULTS.trackers.map((t) => t.name));
  });
});

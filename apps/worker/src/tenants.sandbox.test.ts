// Two workspaces in one Callmine, each on its own Gong sandbox tenant, served by the same worker at the same time:
// each report holds only its own tenant's calls and each quota counts only its own. A suspended workspace's run
// waits (no attempt spent) and its schedules don't fire until the operator resumes it; one already started stops
// (canceled, with the reason). The other workspace goes on.
import type { RunView } from '@callmine/contracts';
import type { SandboxTenant } from '@callmine/gong-sandbox';
import { apiClient, browserLikeFetch } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { SUSPENDED_RUN_MESSAGE } from './jobs/suspension.ts';
import { isFinished, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';
import { makeRunJobDue, runJob } from './testing/run-job.ts';
import type { TestWorker } from './testing/test-worker.ts';

const CALLS = 40;
type Client = ReturnType<typeof apiClient>;

const callIdsOf = (tenant: SandboxTenant) =>
  new Set(Array.from({ length: tenant.callCount }, (_, i) => tenant.calls.call(i).metaData.id));

async function waitFor(client: Client, runId: string, until: (run: RunView) => boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await client.runs.get.query({ id: runId });
    if (until(run)) return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} stuck in ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A run's status and error, read from the database (a suspended workspace's members can't sign in). */
async function runRow(id: string) {
  const { db } = env.server.database;
  const { analysisRun } = db.tables;
  const [row] = await db
    .select({ status: analysisRun.status, error: analysisRun.error })
    .from(analysisRun)
    .where(eq(analysisRun.id, id))
    .limit(1);
  return row;
}

let worker: TestWorker | undefined;
let beta: Client;
let betaId = '';

// One Callmine with a second workspace on the globex tenant; the env closes the workers it started, then itself.
const env = sharedResource(async () => {
  const env = await startRunEnv({ calls: CALLS });
  const created = await env.admin.operator.createWorkspace.mutate({
    name: 'Globex Buyer',
    adminEmail: 'bea@globex.example',
  });
  betaId = created.workspace.id;
  beta = apiClient(env.server.url, browserLikeFetch(env.server.url));
  await beta.invitations.accept.mutate({
    invitationId: created.invitation.id,
    name: 'Bea',
    password: 'bea long password',
  });
  const globex = env.sandbox.tenant('globex');
  const key = globex.credentials[0];
  if (!key) throw new Error('globex has no key');
  await beta.integrations.gong.connectBasic.mutate({
    accessKey: key.accessKey,
    secretKey: key.secretKey,
    baseUrl: globex.baseUrl,
  });
  // No pause for the validation's requests to leave the rate window: they took their turn in the limiter the worker
  // shares (same credential key, slots in the database), so a run that starts at once still stays within the rate.
  return env;
}, 60_000);

describe('two workspaces, one worker', () => {
  it('runs both at once; each report holds only its own tenant’s calls, each quota only its own', {
    timeout: 120_000,
  }, async () => {
    const [runA, runB] = await Promise.all([env.startRun(), beta.runs.start.mutate(WHOLE_HISTORY)]);
    worker = await env.startWorker({}, { scheduler: false });
    const [doneA, doneB] = await Promise.all([
      waitFor(env.admin, runA.id, isFinished),
      waitFor(beta, runB.id, isFinished),
    ]);
    expect([doneA.status, doneB.status]).toEqual(['done', 'done']);
    const reportA = await env.admin.reports.export.query({ id: doneA.reportId ?? '' });
    const reportB = await beta.reports.export.query({ id: doneB.reportId ?? '' });
    const acmeCalls = callIdsOf(env.sandbox.tenant('acme'));
    const globexCalls = callIdsOf(env.sandbox.tenant('globex'));
    expect(reportA.calls).toHaveLength(CALLS);
    expect(reportB.calls).toHaveLength(CALLS);
    expect(reportA.calls.every((c) => acmeCalls.has(c.id) && !globexCalls.has(c.id))).toBe(true);
    expect(reportB.calls.every((c) => globexCalls.has(c.id) && !acmeCalls.has(c.id))).toBe(true);
    // Each workspace's reports list only its own.
    expect((await beta.reports.list.query()).map((r) => r.id)).toEqual([reportB.id]);
    expect((await env.admin.reports.list.query()).map((r) => r.id)).toEqual([reportA.id]);

    expect((await env.admin.usage.summary.query()).used).toBe(CALLS);
    expect((await beta.usage.summary.query()).used).toBe(CALLS);
    const usage = Object.fromEntries(
      (await env.admin.operator.workspaces.query()).map((w) => [w.name, w.usage.used]),
    );
    expect(usage).toEqual({ Acme: CALLS, 'Globex Buyer': CALLS });
  });

  it('leaves a suspended workspace’s runs and schedules waiting, and goes on with the other', {
    timeout: 120_000,
  }, async () => {
    await worker?.close();
    worker = undefined;
    const queuedB = await beta.runs.start.mutate(WHOLE_HISTORY);
    const analysis = await beta.analyses.create.mutate({
      name: 'Daily',
      window: { kind: 'relative', lastDays: '7' },
      filters: {},
      settings: { analysers: ['talk'] },
    });
    const schedule = await beta.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'daily',
      time: '09:00',
      timeZone: 'UTC',
    });
    // Its slot is due now.
    const { db } = env.server.database;
    await db
      .update(db.tables.schedule)
      .set({ nextSlotAt: new Date(Date.now() - 2 * 86_400_000) })
      .where(eq(db.tables.schedule.id, schedule.id));
    await env.admin.operator.suspend.mutate({ id: betaId });

    worker = await env.startWorker({}, { scheduler: false });
    const runA = await env.startRun();
    expect((await waitFor(env.admin, runA.id, isFinished)).status).toBe('done');
    expect(await worker.scheduler.tick()).toEqual([]);
    expect(await runRow(queuedB.id)).toMatchObject({ status: 'queued' });
    const job = await runJob(db, queuedB.id);
    expect(job?.status).toBe('queued');
    expect(job?.runAfter.getTime()).toBeGreaterThan(Date.now());

    await env.admin.operator.resume.mutate({ id: betaId });
    // The paused job comes due again; no need to wait a minute in a test.
    await makeRunJobDue(db, queuedB.id);
    const ticked = await worker.scheduler.tick();
    expect(ticked.map((r) => r.kind)).toEqual(['started']);
    expect((await waitFor(beta, queuedB.id, isFinished)).status).toBe('done');
  });

  it('stops a run already in progress when its workspace is suspended; nothing is charged twice', {
    timeout: 120_000,
  }, async () => {
    if (!worker) worker = await env.startWorker({}, { scheduler: false });
    const usedBefore = (await beta.usage.summary.query()).used;
    // Each Gong answer takes a while, so the run is mid-fetch when the operator acts.
    env.sandbox.faults.latency(1500);
    try {
      const started = await beta.runs.start.mutate(WHOLE_HISTORY);
      await waitFor(beta, started.id, (r) => r.status === 'fetching');
      await env.admin.operator.suspend.mutate({ id: betaId });
      // Its members can't sign in while it is suspended: read the run's row.
      const deadline = Date.now() + 60_000;
      let row = await runRow(started.id);
      while (row && !['done', 'failed', 'canceled'].includes(row.status) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        row = await runRow(started.id);
      }
      expect(row).toEqual({ status: 'canceled', error: SUSPENDED_RUN_MESSAGE });
      const { db } = env.server.database;
      const reports = await db
        .select({ id: db.tables.report.id })
        .from(db.tables.report)
        .where(eq(db.tables.report.runId, started.id));
      expect(reports).toHaveLength(0);
    } finally {
      env.sandbox.faults.latency(0);
    }
    await env.admin.operator.resume.mutate({ id: betaId });
    // Started again after the resume, it runs to the end; the calls the stopped run counted are not counted again.
    const again = await beta.runs.start.mutate(WHOLE_HISTORY);
    expect((await waitFor(beta, again.id, isFinished)).status).toBe('done');
    expect((await beta.usage.summary.query()).used).toBe(usedBefore);
  });
});

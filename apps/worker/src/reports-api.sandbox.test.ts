// reports.* over real HTTP, on reports the real worker made from the Gong sandbox: listing with search, reading,
// who may delete (an admin, audited) and who may not (a member, a member's API token), and that a report never
// crosses workspaces. (It lives beside the worker because it needs one: apps/server depending on
// @callmine/worker would make the two packages depend on each other.)
import { randomUUID } from 'node:crypto';
import type { AppRouter } from '@callmine/api';
import { apiClient, browserLikeFetch } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFinished, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';
import type { TestWorker } from './testing/test-worker.ts';

/** What a developer's script does: a plain fetch with the Bearer header, no cookies. */
function tokenClient(url: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as { code?: string } | undefined;
      return { code: data?.code, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const env = sharedResource(() => startRunEnv({ calls: 120 }), 60_000);
let worker: TestWorker;
const reportIds: Record<string, string> = {};

beforeAll(async () => {
  worker = await env.startWorker();
  for (const name of ['Pricing pulse', 'Competitor watch', '100% coverage']) {
    const analysis = await env.admin.analyses.create.mutate({
      name,
      window: { kind: 'absolute', ...WHOLE_HISTORY },
      filters: {},
      settings: {
        analysers: ['trackers', 'talk'],
        trackers: [{ name: 'Pricing', phrases: [{ phrase: 'price' }] }],
      },
    });
    const queued = await env.admin.analyses.run.mutate({ id: analysis.id });
    const run = await env.waitFor(queued.id, isFinished);
    expect(run.status).toBe('done');
    reportIds[name] = run.reportId!;
  }
}, 60_000);

describe('reports over the API', () => {
  it('lists newest first, searches by name (wildcards taken literally) and reads one in full', async () => {
    const all = await env.admin.reports.list.query();
    // Each report has its run's one name: the analysis and the days.
    const named = (analysis: string) => `${analysis} · ${WHOLE_HISTORY.from} to ${WHOLE_HISTORY.to}`;
    expect(all.map((r) => r.name)).toEqual(['100% coverage', 'Competitor watch', 'Pricing pulse'].map(named));
    expect(all[0]).toMatchObject({
      from: WHOLE_HISTORY.from,
      to: WHOLE_HISTORY.to,
      callsAnalyzed: 120,
      partial: null,
      createdBy: 'Ada Admin',
    });
    expect((await env.admin.reports.list.query({ search: 'PULSE' })).map((r) => r.name)).toEqual([
      named('Pricing pulse'),
    ]);
    expect((await env.admin.reports.list.query({ search: '%' })).map((r) => r.name)).toEqual([
      named('100% coverage'),
    ]);
    expect(await env.admin.reports.list.query({ search: 'nothing like it' })).toEqual([]);

    const report = await env.admin.reports.export.query({ id: reportIds['Pricing pulse']! });
    expect(report).toMatchObject({ name: named('Pricing pulse'), callsAnalyzed: 120, credentialVersion: 1 });
    expect(report.calls).toHaveLength(120);
    expect(report.result.trackers![0]!.mentions).toBeGreaterThan(0);
    expect(report.result.questions).toBeNull();
    expect(await failure(env.admin.reports.export.query({ id: 'no-such-report' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lets members and member tokens read but not delete; an admin deletes, and it is audited', async () => {
    const invitation = await env.admin.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const member = apiClient(env.server.url, browserLikeFetch(env.server.url));
    await member.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max',
      password: 'max long password',
    });
    const token = await env.admin.apiTokens.create.mutate({ name: 'BI export', role: 'member' });
    const script = tokenClient(env.server.url, token.token);
    const id = reportIds['Competitor watch']!;

    expect((await member.reports.list.query()).map((r) => r.id)).toContain(id);
    expect((await script.reports.list.query()).map((r) => r.id)).toContain(id);
    const read = await script.reports.export.query({ id });
    expect(read).toEqual(await env.admin.reports.export.query({ id }));

    expect(await failure(member.reports.delete.mutate({ id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(script.reports.delete.mutate({ id }))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await env.admin.reports.export.query({ id })).name).toBe(
      `Competitor watch · ${WHOLE_HISTORY.from} to ${WHOLE_HISTORY.to}`,
    );

    expect(await env.admin.reports.delete.mutate({ id })).toEqual({ deleted: true });
    expect(await failure(member.reports.export.query({ id }))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await env.admin.reports.list.query()).map((r) => r.name.split(' · ')[0])).toEqual([
      '100% coverage',
      'Pricing pulse',
    ]);
    const { auditEvent } = worker.database.db.tables;
    const audit = await worker.database.db
      .select({
        action: auditEvent.action,
        actorName: auditEvent.actorName,
        via: auditEvent.via,
        detail: auditEvent.detail,
      })
      .from(auditEvent)
      .where(eq(auditEvent.subjectId, id));
    expect(audit).toEqual([
      {
        action: 'report.deleted',
        actorName: 'Ada Admin',
        via: 'session',
        detail: `Competitor watch · ${WHOLE_HISTORY.from} to ${WHOLE_HISTORY.to}`,
      },
    ]);
    expect(await failure(env.admin.reports.delete.mutate({ id }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it("keeps each workspace's reports to itself", { timeout: 60_000 }, async () => {
    // A second workspace with its own Gong tenant, run and report. Setup makes only one workspace, so Bea joins
    // Acme by invitation (to get a password and a session), is made owner of Beta Corp directly in the database,
    // and her session is switched to it, as choosing the active workspace would.
    const invitation = await env.admin.members.invite.mutate({ email: 'bea@b.example', role: 'member' });
    const beta = apiClient(env.server.url, browserLikeFetch(env.server.url));
    await beta.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Bea B',
      password: 'bea long password',
    });
    const db = env.server.database.db;
    const schema = db.tables;
    const workspace = { id: randomUUID(), name: 'Beta Corp', slug: 'beta', createdAt: new Date() };
    await db.insert(schema.organization).values(workspace);
    const userId = (
      await db
        .select({ id: schema.user.id })
        .from(schema.user)
        .where(eq(schema.user.email, 'bea@b.example'))
        .limit(1)
    )[0]!.id;
    await db.insert(schema.member).values({
      id: randomUUID(),
      organizationId: workspace.id,
      userId,
      role: 'owner',
      createdAt: new Date(),
    });
    await db
      .update(schema.session)
      .set({ activeOrganizationId: workspace.id })
      .where(eq(schema.session.userId, userId));
    expect(await beta.workspace.get.query()).toMatchObject({ name: 'Beta Corp' });
    const globex = env.sandbox.tenant('globex');
    await beta.integrations.gong.connectBasic.mutate({
      accessKey: globex.credentials[0]!.accessKey,
      secretKey: globex.credentials[0]!.secretKey,
      baseUrl: globex.baseUrl,
    });
    const queued = await beta.runs.start.mutate(WHOLE_HISTORY);
    let run = await beta.runs.get.query({ id: queued.id });
    const deadline = Date.now() + 45_000;
    while (!isFinished(run) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      run = await beta.runs.get.query({ id: queued.id });
    }
    expect(run.status).toBe('done');
    const betaReport = run.reportId!;

    expect((await beta.reports.list.query()).map((r) => r.id)).toEqual([betaReport]);
    expect((await beta.reports.export.query({ id: betaReport })).createdBy).toBe('Bea B');
    expect((await env.admin.reports.list.query()).map((r) => r.id)).not.toContain(betaReport);
    expect(await failure(env.admin.reports.export.query({ id: betaReport }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(env.admin.reports.delete.mutate({ id: betaReport }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(beta.reports.export.query({ id: reportIds['Pricing pulse']! }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(beta.reports.delete.mutate({ id: reportIds['Pricing pulse']! }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await beta.reports.list.query()).map((r) => r.id)).toEqual([betaReport]);
    expect((await env.admin.reports.list.query()).map((r) => r.name.split(' · ')[0])).toContain(
      'Pricing pulse',
    );
  });

  it('names the schedule and slot that made a report, and the window the schedule chose', {
    timeout: 60_000,
  }, async () => {
    const analysis = await env.admin.analyses.create.mutate({
      name: 'Scheduled pricing',
      window: { kind: 'absolute', ...WHOLE_HISTORY },
      filters: {},
      settings: { analysers: ['talk'] },
    });
    const schedule = await env.admin.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'daily',
      time: '06:00',
      timeZone: 'UTC',
      windowMode: 'analysis',
    });
    const ran = await env.admin.schedules.runNow.mutate({ id: schedule.id });
    const occurrence = ran.occurrences[0]!;
    const run = await env.waitFor(occurrence.runId!, isFinished);
    expect(run.status).toBe('done');
    const report = await env.admin.reports.get.query({ id: run.reportId! });
    // The analysis's own window, not the day since the previous slot.
    expect(report).toMatchObject({ from: WHOLE_HISTORY.from, to: WHOLE_HISTORY.to });
    expect(report.schedule).toEqual({
      scheduleId: schedule.id,
      description: 'Every day at 06:00 (UTC)',
      slot: occurrence.slot,
      trigger: 'manual',
      windowMode: 'analysis',
    });
    // An ad-hoc or analysis run names no schedule.
    expect((await env.admin.reports.get.query({ id: reportIds['Pricing pulse']! })).schedule).toBeNull();
  });
});

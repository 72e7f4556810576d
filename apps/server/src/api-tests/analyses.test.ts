// analyses.* over real HTTP: saving, validating, editing and running a saved analysis, and who may see it.
import type { AppRouter } from '@callmine/api';
import { createAnalysisRun, schema } from '@callmine/db';
import { sharedResource } from '@callmine/testing';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startSandboxedServer } from '../testing/sandboxed-server.ts';

async function failure(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const e = error as TRPCClientError<AppRouter>;
      return {
        code: e.data?.code,
        reason: e.data?.reason,
        fieldErrors: e.data?.fieldErrors,
        message: e.message,
      };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const definition = {
  name: 'Competitor watch',
  window: { kind: 'relative' as const, lastDays: '7' },
  filters: { externalOnly: 'yes' as const, minDurationMinutes: '5' },
  settings: {
    analysers: ['trackers' as const, 'questions' as const],
    trackers: [{ name: 'Competitors', phrases: [{ phrase: 'Chorus', synonyms: ['Chorus.ai'] }] }],
  },
};

describe('analyses', () => {
  const env = sharedResource(() => startSandboxedServer());

  it('saves, lists, edits and deletes an analysis with the settings as parsed', async () => {
    const saved = await env.admin.analyses.create.mutate(definition);
    expect(saved).toMatchObject({
      name: 'Competitor watch',
      window: { kind: 'relative', lastDays: 7 },
      filters: { externalOnly: true, minDurationMinutes: 5, repEmails: [], titleContains: '' },
      settings: {
        analysers: ['trackers', 'questions'],
        trackers: [{ name: 'Competitors', phrases: [{ phrase: 'Chorus', synonyms: ['Chorus.ai'] }] }],
        evidenceLimit: 50,
        topN: 50,
      },
      createdBy: 'Ada Admin',
      lastRun: null,
    });
    expect(await env.admin.analyses.list.query()).toEqual([saved]);

    const edited = await env.admin.analyses.update.mutate({
      ...definition,
      id: saved.id,
      name: 'Competitors, Q4',
      window: { kind: 'absolute', from: '2026-10-01', to: '2026-12-31' },
    });
    expect(edited).toMatchObject({
      id: saved.id,
      name: 'Competitors, Q4',
      window: { kind: 'absolute', from: '2026-10-01', to: '2026-12-31' },
    });

    await env.admin.analyses.delete.mutate({ id: saved.id });
    expect(await env.admin.analyses.list.query()).toEqual([]);
    expect((await failure(env.admin.analyses.get.query({ id: saved.id }))).code).toBe('NOT_FOUND');
  });

  it('answers bad input with the field that needs attention', async () => {
    const blank = await failure(env.admin.analyses.create.mutate({ ...definition, name: '  ' }));
    expect(blank.code).toBe('BAD_REQUEST');
    expect(blank.fieldErrors).toMatchObject({ name: ['Give the analysis a name.'] });

    const reversed = await failure(
      env.admin.analyses.create.mutate({
        ...definition,
        window: { kind: 'absolute', from: '2026-02-01', to: '2026-01-01' },
      }),
    );
    expect(reversed.code).toBe('BAD_REQUEST');

    const noPhrases = await failure(
      env.admin.analyses.create.mutate({
        ...definition,
        settings: { trackers: [{ name: 'Empty', phrases: [] }] },
      }),
    );
    expect(noPhrases.code).toBe('BAD_REQUEST');
    expect(await env.admin.analyses.list.query()).toEqual([]);
  });

  it('offers the starter trackers', async () => {
    const templates = await env.admin.analyses.templates.query();
    expect(templates.map((t) => t.name)).toEqual(
      expect.arrayContaining(['Competitors', 'Pricing', 'Next steps']),
    );
  });

  it('runs a saved analysis with a snapshot of its window and settings', async () => {
    const saved = await env.admin.analyses.create.mutate(definition);
    expect((await failure(env.admin.analyses.run.mutate({ id: saved.id }))).code).toBe('PRECONDITION_FAILED');

    const acme = env.sandbox.tenant('acme').credentials[0]!;
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: acme.accessKey,
      secretKey: acme.secretKey,
    });
    const run = await env.admin.analyses.run.mutate({ id: saved.id });
    const today = new Date().toISOString().slice(0, 10);
    const weekAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
    expect(run).toMatchObject({
      status: 'queued',
      analysis: { id: saved.id, name: 'Competitor watch' },
      selection: { from: weekAgo, to: today, externalOnly: true, minDurationMinutes: 5 },
      reportId: null,
    });
    expect((await env.admin.analyses.get.query({ id: saved.id })).lastRun).toMatchObject({
      id: run.id,
      status: 'queued',
    });

    // A schedule runs it: deleting names the schedule and needs deleteSchedules; the run stays either way.
    const schedule = await env.admin.schedules.create.mutate({
      analysisId: saved.id,
      kind: 'weekly',
      weekday: 'monday',
      time: '09:00',
      timeZone: 'Europe/Berlin',
    });
    expect(await env.admin.analyses.schedules.query({ id: saved.id })).toEqual([
      { id: schedule.id, description: 'Every Monday at 09:00 (Europe/Berlin)', paused: false },
    ]);
    const refused = await failure(env.admin.analyses.delete.mutate({ id: saved.id }));
    expect(refused).toMatchObject({ code: 'CONFLICT', reason: 'analysis-used-by-schedules' });
    expect(refused.message).toContain('Every Monday at 09:00 (Europe/Berlin)');
    expect((await env.admin.schedules.list.query()).map((s) => s.id)).toContain(schedule.id);
    await env.admin.analyses.delete.mutate({ id: saved.id, deleteSchedules: true });
    expect((await env.admin.schedules.list.query()).map((s) => s.id)).not.toContain(schedule.id);
    expect(await env.admin.runs.get.query({ id: run.id })).toMatchObject({ id: run.id, analysis: null });
  });

  it('keeps analyses inside their workspace', async () => {
    const mine = await env.admin.analyses.create.mutate(definition);
    const outsider = apiClient(env.server.url, browserLikeFetch(env.server.url));
    expect((await failure(outsider.analyses.list.query())).code).toBe('UNAUTHORIZED');
    expect((await failure(outsider.analyses.get.query({ id: mine.id }))).code).toBe('UNAUTHORIZED');
  });

  it("shows each analysis's own last run; of runs created in the same millisecond, the first created", async () => {
    const watch = await env.admin.analyses.create.mutate({ ...definition, name: 'Last run A' });
    const other = await env.admin.analyses.create.mutate({ ...definition, name: 'Last run B' });
    // Runs written as the api and the scheduler write them, at chosen instants (the api stamps them with the clock).
    const db = env.server.database.db;
    const workspaceId = (
      await db.select({ id: schema.organization.id }).from(schema.organization).limit(1)
    )[0]!.id;
    const runAt = async (analysisId: string, at: string) =>
      createAnalysisRun(db, env.server.queues, {
        workspaceId,
        startedBy: null,
        analysisId,
        name: null,
        selection: {},
        settings: {},
        trigger: 'schedule',
        at: new Date(at),
      });
    const tie = '2026-11-20T10:00:00.000Z';
    await runAt(watch.id, '2026-11-19T10:00:00.000Z');
    const firstOfTie = await runAt(watch.id, tie);
    for (let i = 0; i < 4; i++) await runAt(watch.id, tie);
    await runAt(watch.id, '2026-11-18T10:00:00.000Z');
    const otherLast = await runAt(other.id, '2026-11-21T10:00:00.000Z');
    await runAt(other.id, '2026-11-17T10:00:00.000Z');

    const expected = {
      [watch.id]: { id: firstOfTie, status: 'queued', createdAt: tie },
      [other.id]: { id: otherLast, status: 'queued', createdAt: '2026-11-21T10:00:00.000Z' },
    };
    expect((await env.admin.analyses.get.query({ id: watch.id })).lastRun).toEqual(expected[watch.id]);
    expect((await env.admin.analyses.get.query({ id: other.id })).lastRun).toEqual(expected[other.id]);
    const listed = await env.admin.analyses.list.query();
    expect(Object.fromEntries(listed.filter((a) => a.id in expected).map((a) => [a.id, a.lastRun]))).toEqual(
      expected,
    );
    expect(listed.filter((a) => !(a.id in expected)).every((a) => a.lastRun?.id !== firstOfTie)).toBe(true);
  });
});

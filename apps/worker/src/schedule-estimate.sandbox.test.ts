// schedules.estimate and analyses.estimate against what the runs they estimate then charge, on a pinned clock
// (server and worker share it, so both charge the same quota month and the sandbox's calls fall in the windows).
import { apiClient, browserLikeFetch } from '@callmine/server/testing';
import { describe, expect, it } from 'vitest';
import { isFinished, type RunEnv, startRunEnv, WHOLE_HISTORY } from './testing/run-env.ts';

// A Wednesday; the sandbox's calls run until 2026-06-01, so the last week is full of them.
let clock = new Date('2026-05-20T12:00:00Z');
const now = () => clock;

async function start(allowance: number) {
  clock = new Date('2026-05-20T12:00:00Z');
  const env = await startRunEnv({ calls: 600, now, env: { CALLMINE_MONTHLY_CALL_QUOTA: String(allowance) } });
  // The test moves the clock; the scheduler must not catch up on slots meanwhile (run now is what is measured).
  await env.startWorker({}, { now, scheduler: false });
  return env;
}

/** The analysis every schedule here runs: external calls of the last 3 days. */
async function externalCalls(env: RunEnv) {
  const analysis = await env.admin.analyses.create.mutate({
    name: 'External calls',
    window: { kind: 'relative', lastDays: '3' },
    filters: { externalOnly: 'yes' },
    settings: { analysers: ['talk'] },
  });
  return analysis.id;
}

describe('estimating a schedule', () => {
  it('counts exactly what run now then charges, once a listing covered its window; members may ask', async () => {
    await using e = await start(500);
    const analysisId = await externalCalls(e);
    const schedule = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'weekly',
      weekday: 'monday',
      time: '09:00',
      timeZone: 'UTC',
      // Each run covers the week since the previous one (the analysis's own 3 days would hide the lower bound).
      windowMode: 'since-previous',
    });
    // Nothing listed yet: Callmine can't know the calls, so it only claims a lower bound.
    const blind = await e.admin.schedules.estimate.query({ id: schedule.id });
    expect(blind.window).toEqual({ from: '2026-05-13T12:00:00.000Z', to: '2026-05-20T12:00:00.000Z' });
    expect(blind.nextRun).toMatchObject({
      basis: 'lower-bound',
      callsMatching: 0,
      newCalls: 0,
      covered: true,
    });

    // A listing of the whole history that selects nothing (so charges nothing) fills the call cache; then a run
    // over two days inside the window charges some of its calls.
    const listing = await e.startRun({ titleContains: 'no call is called this' });
    expect((await e.waitFor(listing.id, isFinished)).quota).toMatchObject({ callsCharged: 0 });
    const recent = await e.startRun({ from: '2026-05-18', to: '2026-05-19', externalOnly: 'yes' });
    const charged = (await e.waitFor(recent.id, isFinished)).quota?.callsCharged ?? 0;
    expect(charged).toBeGreaterThan(0);

    const estimate = await e.admin.schedules.estimate.query({ id: schedule.id });
    expect(estimate.nextRun).toMatchObject({
      month: '2026-05',
      basis: 'exact',
      callsAlreadyCharged: charged,
      allowance: 500,
      used: charged,
      remaining: 500 - charged,
      covered: true,
    });
    expect(estimate.nextRun.newCalls).toBe(estimate.nextRun.callsMatching - charged);
    expect(estimate.nextRun.newCalls).toBeGreaterThan(0);
    // The draft form of the same schedule asks the same question.
    const draft = await e.admin.schedules.estimateDraft.query({
      id: schedule.id,
      schedule: {
        analysisId,
        kind: 'weekly',
        weekday: 'monday',
        time: '09:00',
        timeZone: 'UTC',
        windowMode: 'since-previous',
      },
    });
    expect(draft).toEqual(estimate);

    // A member asks too, then runs it now: the run selects and charges exactly the estimate.
    const invitation = await e.admin.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const member = apiClient(e.server.url, browserLikeFetch(e.server.url));
    await member.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max',
      password: 'max long password',
    });
    expect(await member.schedules.estimate.query({ id: schedule.id })).toEqual(estimate);
    const ran = await member.schedules.runNow.mutate({ id: schedule.id });
    const runId = ran.occurrences[0]?.runId ?? '';
    const run = await e.waitFor(runId, isFinished);
    expect(run.status).toBe('done');
    expect(run.selection).toMatchObject({
      fromDateTime: estimate.window.from,
      toDateTime: estimate.window.to,
      externalOnly: true,
    });
    expect(run.quota).toMatchObject({
      partial: false,
      callsSelected: estimate.nextRun.callsMatching,
      callsCharged: estimate.nextRun.newCalls,
      used: charged + estimate.nextRun.newCalls,
    });

    // Now everything in the window is paid for: asking again says so.
    expect((await e.admin.schedules.estimate.query({ id: schedule.id })).nextRun).toMatchObject({
      newCalls: 0,
      callsAlreadyCharged: estimate.nextRun.callsMatching,
      covered: true,
    });
  });

  it('projects the slots left this UTC month at the last period’s pace, none while paused, and warns when short', async () => {
    await using e = await start(10);
    const analysisId = await externalCalls(e);
    const listing = await e.startRun({ titleContains: 'no call is called this' });
    await e.waitFor(listing.id, isFinished);
    const daily = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'daily',
      time: '07:00',
      timeZone: 'UTC',
    });
    // Wednesday 20 May, 12:00 UTC: 21 … 31 May at 07:00 are still to come.
    const estimate = await e.admin.schedules.estimate.query({ id: daily.id });
    const perDay = estimate.nextRun.callsMatching;
    expect(perDay).toBeGreaterThan(0);
    expect(estimate.monthProjection).toEqual({
      month: '2026-05',
      slotsLeft: 11,
      callsPerPeriod: perDay,
      projectedCalls: 11 * perDay,
      remaining: 10,
      basis: 'exact',
      // At least 11 calls for the 10 left: the projection warns.
      covered: false,
    });

    // Mondays at 09:00 in Sydney are Sunday 23:00 UTC: 24 and 31 May.
    const sydney = await e.admin.schedules.estimateDraft.query({
      schedule: {
        analysisId,
        kind: 'weekly',
        weekday: 'monday',
        time: '09:00',
        timeZone: 'Australia/Sydney',
      },
    });
    expect(sydney.monthProjection?.slotsLeft).toBe(2);

    // On the month's last day after the slot, none are left; a draft for 23:30 UTC still has tonight's.
    clock = new Date('2026-05-31T12:00:00Z');
    const lastDay = await e.admin.schedules.estimate.query({ id: daily.id });
    expect(lastDay.monthProjection).toMatchObject({
      slotsLeft: 0,
      projectedCalls: 0,
      covered: true,
    });
    const tonight = await e.admin.schedules.estimateDraft.query({
      schedule: { analysisId, kind: 'daily', time: '23:30', timeZone: 'UTC' },
    });
    expect(tonight.monthProjection?.slotsLeft).toBe(1);

    // Paused: run now still has an estimate, the month has no projection.
    await e.admin.schedules.pause.mutate({ id: daily.id });
    const paused = await e.admin.schedules.estimate.query({ id: daily.id });
    expect(paused.monthProjection).toBeNull();
    expect(paused.nextRun).toEqual(lastDay.nextRun);
    expect(
      (
        await e.admin.schedules.estimateDraft.query({
          id: daily.id,
          schedule: { analysisId, kind: 'daily', time: '07:00', timeZone: 'UTC' },
        })
      ).monthProjection,
    ).toBeNull();
  });

  it('the draft estimate checks the fields like saving does', async () => {
    await using e = await start(100);
    const analysisId = await externalCalls(e);
    await expect(
      e.admin.schedules.estimateDraft.query({
        schedule: { analysisId, kind: 'cron', cron: '*/5 * * * *', timeZone: 'UTC' },
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(
      e.admin.schedules.estimateDraft.query({
        schedule: { analysisId: 'gone', kind: 'daily', time: '07:00', timeZone: 'UTC' },
      }),
    ).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' } });
    await expect(e.admin.schedules.estimate.query({ id: 'gone' })).rejects.toMatchObject({
      data: { code: 'NOT_FOUND' },
    });
  });
});

describe('estimating a saved analysis', () => {
  it('counts the window resolved today with the filters, exactly what analyses.run then charges', async () => {
    await using e = await start(500);
    const analysisId = await externalCalls(e);
    const fixed = await e.admin.analyses.create.mutate({
      name: 'Mid-May',
      window: { kind: 'absolute', from: '2026-05-10', to: '2026-05-16' },
      filters: { externalOnly: 'yes' },
      settings: { analysers: ['talk'] },
    });
    const listing = await e.startRun({ ...WHOLE_HISTORY, titleContains: 'no call is called this' });
    await e.waitFor(listing.id, isFinished);

    const estimate = await e.admin.analyses.estimate.query({ id: fixed.id });
    expect(estimate).toMatchObject({ basis: 'exact', callsAlreadyCharged: 0, remaining: 500, covered: true });
    expect(estimate.newCalls).toBeGreaterThan(0);
    const run = await e.waitFor((await e.admin.analyses.run.mutate({ id: fixed.id })).id, isFinished);
    expect(run.selection).toMatchObject({ from: '2026-05-10', to: '2026-05-16', externalOnly: true });
    expect(run.quota).toMatchObject({
      callsSelected: estimate.callsMatching,
      callsCharged: estimate.newCalls,
    });

    // "Last 3 days" at noon on 20 May is 18 … 20 May: today isn't over, so no listing can have covered it yet.
    const relative = await e.admin.analyses.estimate.query({ id: analysisId });
    expect(relative.basis).toBe('lower-bound');
    const second = await e.waitFor((await e.admin.analyses.run.mutate({ id: analysisId })).id, isFinished);
    expect(second.selection).toMatchObject({ from: '2026-05-18', to: '2026-05-20' });
    // The cache already held those days' calls (the sandbox's data runs past the pinned clock), so it was right.
    expect(second.quota?.callsCharged).toBe(relative.newCalls);
  });
});

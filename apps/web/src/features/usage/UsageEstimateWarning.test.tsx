// The allowance warning where runs start besides the start-run form (UsageSection.test.tsx covers that one): the
// schedule editor, a schedule's Run now, and a saved analysis's Run now. A real server, worker and Gong sandbox
// on a pinned clock (20 May 2026, noon UTC), the call cache filled by a listing that charged nothing.
import { setAllowanceOverride } from '@callmine/db';
import { isFinished, type RunEnv, startRunEnv } from '@callmine/worker/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

const clock = new Date('2026-05-20T12:00:00Z');
const now = () => clock;

const startEnv = () => startRunEnv({ calls: 600, now, env: { CALLMINE_MONTHLY_CALL_QUOTA: '10' } });

/** 600 sandbox calls cached, an allowance of 10 calls a month, and an analysis of external calls. */
async function setUp(env: RunEnv) {
  await env.startWorker({}, { now, scheduler: false });
  const listing = await env.startRun({ titleContains: 'no call is called this' });
  await env.waitFor(listing.id, isFinished);
  const analysis = await env.admin.analyses.create.mutate({
    name: 'External calls',
    window: { kind: 'absolute', from: '2026-05-10', to: '2026-05-16' },
    filters: { externalOnly: 'yes' },
    settings: { analysers: ['talk'] },
  });
  const allow = async (calls: number) =>
    setAllowanceOverride(env.server.database.db, (await env.admin.workspace.get.query()).id, calls, clock);
  return { analysisId: analysis.id, allow };
}

const runNowText = (subject: string, calls: number, remaining: number, allowance: number) =>
  `${subject} would count ${calls} new calls, but only ${remaining} of this month’s ${allowance} are left. It would analyse only the calls that fit and end partial. You can still start it.`;

describe('allowance warnings where runs start', () => {
  it('the schedule editor estimates while editing: run now and the rest of the month, and is quiet when covered', async () => {
    await using e = await startEnv();
    const { analysisId, allow } = await setUp(e);
    const weekly = { analysisId, kind: 'weekly' as const, weekday: 'monday', time: '09:00', timeZone: 'UTC' };
    const { nextRun, monthProjection } = await e.admin.schedules.estimateDraft.query({ schedule: weekly });
    // Wednesday noon: Monday 25 May is the only slot left in May.
    expect(monthProjection?.slotsLeft).toBe(1);
    expect(nextRun.newCalls).toBeGreaterThan(10);

    renderApp(e.server.url, '/schedules', e.adminFetch);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'New schedule' }));
    const form = await screen.findByRole('form', { name: 'New schedule' });
    // (A role query would walk the zone list's few hundred options.)
    await waitFor(() => expect(within(form).getByLabelText('Analysis')).toHaveTextContent('External calls'));
    // Incomplete (no analysis chosen): nothing to estimate yet.
    expect(within(form).queryByText(/would count/)).toBeNull();
    await user.selectOptions(within(form).getByLabelText('Analysis'), 'External calls');
    expect(
      await within(form).findByText(runNowText('Running this schedule now', nextRun.newCalls, 10, 10)),
    ).toBeInTheDocument();
    expect(
      within(form).getByText(
        `Projection: at the last period’s pace (${nextRun.callsMatching} calls a run), its 1 run left in May would count about ${nextRun.callsMatching} calls, more than the 10 left this month. Runs that reach the allowance end partial.`,
      ),
    ).toBeInTheDocument();

    // An operator raises the allowance; the next edit asks again and nothing is short.
    await allow(1000);
    const time = within(form).getByLabelText('At (24-hour time)');
    await user.clear(time);
    await user.type(time, '10:00');
    await waitFor(() => expect(within(form).queryByText(/would count/)).toBeNull());
    expect(within(form).queryByText(/^Projection:/)).toBeNull();
    // Warnings never block: the schedule saves either way.
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(
      await screen.findByRole('listitem', { name: 'External calls: Every Monday at 10:00 (UTC)' }),
    ).toBeInTheDocument();
  }, 30_000); // Typing into a form with the zone list is slow in jsdom under load.

  it('warns beside a schedule’s Run now (and drops the projection while paused), yet runs it', async () => {
    await using e = await startEnv();
    const { analysisId, allow } = await setUp(e);
    const daily = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'daily',
      time: '07:00',
      timeZone: 'UTC',
    });
    await allow(2);
    const estimate = await e.admin.schedules.estimate.query({ id: daily.id });
    const perDay = estimate.nextRun.newCalls;
    // More calls in the last day than the 2 left, and 21 … 31 May still to come.
    expect(estimate.nextRun).toMatchObject({ basis: 'exact', covered: false, callsMatching: perDay });
    expect(estimate.monthProjection).toMatchObject({ slotsLeft: 11, covered: false });

    renderApp(e.server.url, '/schedules', e.adminFetch);
    const user = userEvent.setup();
    const item = await screen.findByRole('listitem', { name: 'External calls: Every day at 07:00 (UTC)' });
    expect(
      await within(item).findByText(runNowText('Running this schedule now', perDay, 2, 2)),
    ).toBeInTheDocument();
    expect(
      within(item).getByText(
        `Projection: at the last period’s pace (${perDay} calls a run), its 11 runs left in May would count about ${11 * perDay} calls, more than the 2 left this month. Runs that reach the allowance end partial.`,
      ),
    ).toBeInTheDocument();

    // Paused: no slots are due, so no projection; Run now still warns, and still runs.
    await user.click(within(item).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(within(item).queryByText(/^Projection:/)).toBeNull());
    expect(within(item).getByText(/^Running this schedule now would count/)).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: 'Run now' }));
    await waitFor(async () => expect(await e.admin.runs.list.query()).toHaveLength(2));
    expect(await within(item).findByRole('link', { name: 'View its run' })).toBeInTheDocument();
  });

  it('warns on a saved analysis’s Run now when the allowance is short, not when it fits', async () => {
    await using e = await startEnv();
    const { analysisId } = await setUp(e);
    await e.admin.analyses.create.mutate({
      name: 'July (nothing cached)',
      window: { kind: 'absolute', from: '2026-07-01', to: '2026-07-07' },
      filters: {},
      settings: { analysers: ['talk'] },
    });
    const estimate = await e.admin.analyses.estimate.query({ id: analysisId });
    expect(estimate).toMatchObject({ basis: 'exact', covered: false });

    renderApp(e.server.url, '/analyses', e.adminFetch);
    const user = userEvent.setup();
    const short = (await screen.findByRole('rowheader', { name: 'External calls' })).closest('tr');
    const fits = screen.getByRole('rowheader', { name: 'July (nothing cached)' }).closest('tr');
    expect(
      await within(short!).findByText(runNowText('Running this analysis now', estimate.newCalls, 10, 10)),
    ).toBeInTheDocument();
    expect(within(fits!).queryByText(/would count/)).toBeNull();

    await user.click(within(short!).getByRole('button', { name: 'Run External calls now' }));
    await waitFor(async () => expect(await e.admin.runs.list.query()).toHaveLength(2));
  });
});

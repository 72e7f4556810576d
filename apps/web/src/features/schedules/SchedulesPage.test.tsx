// The Schedules page and its editor against a real server and the Gong sandbox: validation by the shared schema,
// croner's verdict as a field error, next run in both zones, run now, pause/resume and delete.
import { startRunEnv } from '@callmine/worker/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

afterEach(() => {
  vi.restoreAllMocks();
});

async function withAnalysis() {
  const env = await startRunEnv({ calls: 20 });
  await env.admin.analyses.create.mutate({
    name: 'Competitor watch',
    window: { kind: 'relative', lastDays: '7' },
    filters: {},
    settings: { analysers: ['talk'] },
  });
  return env;
}

async function openEditor() {
  const user = userEvent.setup();
  await user.click(await screen.findByRole('button', { name: 'New schedule' }));
  const form = await screen.findByRole('form', { name: 'New schedule' });
  await within(form).findByRole('option', { name: 'Competitor watch' }, { timeout: 5000 });
  return { user, form };
}

describe('Schedules page', () => {
  it('validates the cadence with the shared schema before any request, and shows croner’s verdict from the server', async () => {
    await using e = await withAnalysis();
    renderApp(e.server.url, '/schedules', e.adminFetch);
    const { user, form } = await openEditor();
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(within(form).getByText('Choose an analysis.')).toBeInTheDocument();

    await user.selectOptions(within(form).getByLabelText('Analysis'), 'Competitor watch');
    const time = within(form).getByLabelText('At (24-hour time)');
    await user.clear(time);
    await user.type(time, '9am');
    const zone = within(form).getByLabelText('Time zone');
    await user.clear(zone);
    await user.type(zone, 'Europe/Berlni');
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(within(form).getByText('Enter a time like 09:00 (24-hour clock).')).toBeInTheDocument();
    expect(
      within(form).getByText('Choose a time zone from the list, like Europe/Berlin.'),
    ).toBeInTheDocument();
    expect(await e.admin.schedules.list.query()).toHaveLength(0);

    // A cron expression that parses as five fields but fires every 5 minutes: only croner (on the server) knows.
    await user.selectOptions(within(form).getByLabelText('Repeats'), 'Cron expression (advanced)');
    await user.type(within(form).getByLabelText('Cron expression'), '*/5 * * * *');
    await user.clear(zone);
    await user.type(zone, 'UTC');
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));
    expect(
      await within(form).findByText(
        'Schedules run at most every 15 minutes; choose a sparser cron expression.',
      ),
    ).toBeInTheDocument();
    expect(await e.admin.schedules.list.query()).toHaveLength(0);
  });

  it('starts in the workspace zone, creates a weekly schedule and shows its next run in both zones', async () => {
    await using e = await withAnalysis();
    await e.admin.schedules.setWorkspaceTimeZone.mutate({ timeZone: 'Australia/Sydney' });
    renderApp(e.server.url, '/schedules', e.adminFetch);
    const { user, form } = await openEditor();
    expect(within(form).getByLabelText('Time zone')).toHaveValue('Australia/Sydney');
    await user.selectOptions(within(form).getByLabelText('Analysis'), 'Competitor watch');
    await user.selectOptions(within(form).getByLabelText('Day of the week'), 'Friday');
    const time = within(form).getByLabelText('At (24-hour time)');
    await user.clear(time);
    await user.type(time, '16:30');
    // What each run covers is chosen here: the analysis's own window by default, named with it.
    const covers = within(form).getByLabelText('Each run covers');
    expect(covers).toHaveDisplayValue('The analysis’s own window (last 7 days)');
    await user.selectOptions(covers, 'The time since the previous run');
    await user.click(within(form).getByRole('button', { name: 'Create schedule' }));

    const item = await screen.findByRole('listitem', {
      name: 'Competitor watch: Every Friday at 16:30 (Australia/Sydney)',
    });
    expect(screen.queryByRole('form', { name: 'New schedule' })).toBeNull();
    expect(within(item).getByText('Each run covers the time since the previous run.')).toBeInTheDocument();
    const [saved] = await e.admin.schedules.list.query();
    expect(saved!.windowMode).toBe('since-previous');
    const next = new Date(saved!.nextRunAt!);
    expect(within(item).getByText(/your time$/)).toHaveTextContent(
      new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(next),
    );
    // The same instant in the schedule's zone: a Friday at 16:30 in Sydney.
    expect(within(item).getByText(/^Fri, .* 16:30 .*\(Australia\/Sydney\)$/)).toBeInTheDocument();
    expect(within(item).getByText('Not run yet')).toBeInTheDocument();
  });

  it('“View its run” opens the Runs page at that run, named by its analysis and how it started', async () => {
    await using e = await withAnalysis();
    const analysisId = (await e.admin.analyses.list.query())[0]!.id;
    const schedule = await e.admin.schedules.create.mutate({
      analysisId,
      kind: 'daily',
      time: '07:00',
      timeZone: 'UTC',
    });
    // An earlier, ad-hoc run, so the page holds more than the one the link names.
    await e.startRun();
    await e.admin.schedules.runNow.mutate({ id: schedule.id });
    const run = (await e.admin.runs.list.query()).find((r) => r.trigger === 'schedule-run-now');
    if (!run) throw new Error('the schedule started no run');
    expect(run.name).toMatch(/^Competitor watch · /);

    renderApp(e.server.url, '/schedules', e.adminFetch);
    const item = await screen.findByRole('listitem', { name: 'Competitor watch: Every day at 07:00 (UTC)' });
    await userEvent.setup().click(within(item).getByRole('link', { name: 'View its run' }));

    const title = `Competitor watch · ${run.selection.from} to ${run.selection.to}`;
    const shown = await screen.findByRole('listitem', { name: title });
    expect(shown).toHaveAttribute('aria-current', 'true');
    expect(shown).toHaveTextContent('Run now on its schedule by Ada Admin');
    const other = screen.getByRole('listitem', { name: /^Ad-hoc run · / });
    expect(other).not.toHaveAttribute('aria-current');
    expect(other).toHaveTextContent('Started by Ada Admin');
  });

  it('runs a schedule now, pauses and resumes it, edits it, and deletes it', async () => {
    await using e = await withAnalysis();
    const analysisId = (await e.admin.analyses.list.query())[0]!.id;
    await e.admin.schedules.create.mutate({ analysisId, kind: 'daily', time: '07:00', timeZone: 'UTC' });
    renderApp(e.server.url, '/schedules', e.adminFetch);
    const user = userEvent.setup();
    let item = await screen.findByRole('listitem', { name: 'Competitor watch: Every day at 07:00 (UTC)' });

    await user.click(within(item).getByRole('button', { name: 'Run now' }));
    await waitFor(() => expect(within(item).getByText('Queued')).toBeInTheDocument());
    const [started] = await e.admin.runs.list.query();
    expect(within(item).getByRole('link', { name: 'View its run' })).toHaveAttribute(
      'href',
      `/runs?run=${started?.id}`,
    );
    expect(await e.admin.runs.list.query()).toHaveLength(1);
    await user.click(within(item).getByRole('button', { name: 'History' }));
    const history = await within(item).findByRole('list', { name: 'Occurrences' });
    expect(within(history).getByText(/Run now at/)).toBeInTheDocument();

    await user.click(within(item).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(within(item).getByText('None while paused')).toBeInTheDocument());
    await user.click(within(item).getByRole('button', { name: 'Resume' }));
    await waitFor(() => expect(within(item).getByText(/your time$/)).toBeInTheDocument());

    await user.click(within(item).getByRole('button', { name: 'Edit' }));
    const form = await screen.findByRole('form', { name: 'Edit schedule' });
    expect(within(form).getByLabelText('At (24-hour time)')).toHaveValue('07:00');
    await user.selectOptions(within(form).getByLabelText('Repeats'), 'Every month');
    const day = within(form).getByLabelText('Day of the month');
    await user.clear(day);
    await user.type(day, '31');
    await user.click(within(form).getByRole('button', { name: 'Save schedule' }));
    // The save and the list's refetch take seconds on a loaded machine.
    item = await screen.findByRole(
      'listitem',
      { name: 'Competitor watch: Monthly on the 31st (or the month’s last day) at 07:00 (UTC)' },
      { timeout: 10_000 },
    );

    vi.spyOn(window, 'confirm').mockReturnValue(true);
    await user.click(within(item).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No schedules yet.')).toBeInTheDocument();
    expect(await e.admin.schedules.list.query()).toHaveLength(0);
  });
});

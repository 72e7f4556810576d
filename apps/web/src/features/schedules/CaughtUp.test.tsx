// What people see after downtime and in Settings: the caught-up occurrence says so, skipped slots are listed, and
// the workspace's default zone is set in Settings → Workspace and used by the editor.
import { startRunEnv } from '@callmine/worker/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

describe('schedules after downtime and the workspace zone', () => {
  it('shows the newest missed slot as caught up after downtime and the older ones as skipped', async () => {
    await using env = await startRunEnv({ calls: 20 });
    const analysis = await env.admin.analyses.create.mutate({
      name: 'Daily digest',
      window: { kind: 'relative', lastDays: '1' },
      filters: {},
      settings: { analysers: ['talk'] },
    });
    const created = await env.admin.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'daily',
      time: '06:00',
      timeZone: 'UTC',
    });
    // The worker comes back three days and two hours after the first slot.
    const now = new Date(Date.parse(created.nextRunAt!) + 3 * 86_400_000 + 2 * 3_600_000);
    const worker = await env.startWorker({}, { now: () => now, scheduler: false });
    await worker.scheduler.tick();

    renderApp(env.server.url, '/schedules', env.adminFetch);
    const item = await screen.findByRole('listitem', { name: 'Daily digest: Every day at 06:00 (UTC)' });
    expect(await within(item).findByText(/caught up after downtime/)).toBeInTheDocument();
    await userEvent.setup().click(within(item).getByRole('button', { name: 'History' }));
    const history = await within(item).findByRole('list', { name: 'Occurrences' });
    expect(within(history).getAllByText('Skipped')).toHaveLength(3);
    expect(within(history).getAllByText(/missed while no worker was running/)).toHaveLength(3);
    expect(screen.queryByText(/scheduled runs fail/)).toBeNull();
  });

  it('says up front that scheduled runs fail while Gong is disconnected', async () => {
    await using env = await startRunEnv({ calls: 20 });
    await env.admin.integrations.gong.disconnect.mutate();
    renderApp(env.server.url, '/schedules', env.adminFetch);
    expect(
      await screen.findByText(/Gong is not connected, so scheduled runs fail until an admin connects it/),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settings → Integrations' })).toHaveAttribute(
      'href',
      '/settings#gong',
    );
  });

  it('an admin sets the default zone in Settings → Workspace; the schedule editor starts with it', async () => {
    await using env = await startRunEnv({ calls: 20 });
    const user = userEvent.setup();
    const view = renderApp(env.server.url, '/settings', env.adminFetch);
    const form = await screen.findByRole('form', { name: 'Default time zone' });
    const zone = within(form).getByLabelText('Default time zone for schedules');
    expect(zone).toHaveValue('UTC');
    await user.clear(zone);
    await user.type(zone, 'Nowhere/Atlantis');
    await user.click(within(form).getByRole('button', { name: 'Save time zone' }));
    expect(
      within(form).getByText('Choose a time zone from the list, like Europe/Berlin.'),
    ).toBeInTheDocument();
    await user.clear(zone);
    await user.type(zone, 'America/New_York');
    await user.click(within(form).getByRole('button', { name: 'Save time zone' }));
    expect(await screen.findByText('Default time zone saved.')).toBeInTheDocument();
    expect(await env.admin.schedules.workspaceTimeZone.query()).toEqual({ timeZone: 'America/New_York' });
    view.unmount();

    renderApp(env.server.url, '/schedules', env.adminFetch);
    await user.click(await screen.findByRole('button', { name: 'New schedule' }));
    const editor = await screen.findByRole('form', { name: 'New schedule' });
    expect(within(editor).getByLabelText('Time zone')).toHaveValue('America/New_York');
  });
});

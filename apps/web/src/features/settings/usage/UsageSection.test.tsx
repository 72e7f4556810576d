// Settings → Usage, the Runs page's partial marking and the start-form warning, against a real server, a real
// worker and the Gong sandbox (300 calls, an allowance of 120 a month).
import { apiClient, browserLikeFetch } from '@callmine/server/testing';
import { type RunEnv, startRunEnv } from '@callmine/worker/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app.tsx';

/** A finished run that hit the allowance: 120 of 300 calls analysed. */
const startEnv = () => startRunEnv({ calls: 300, env: { CALLMINE_MONTHLY_CALL_QUOTA: '120' } });

async function partialRun(env: RunEnv) {
  await env.startWorker();
  const queued = await env.startRun();
  await env.waitFor(queued.id, (r) => r.status === 'done');
  return queued.id;
}

describe('Usage', () => {
  it('shows this month’s use against the allowance, the months, and the runs that used it', async () => {
    await using env = await startEnv();
    const runId = await partialRun(env);
    const { month } = await env.admin.usage.summary.query();
    const monthLabel = new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    renderApp(env.server.url, '/settings', env.adminFetch);
    const section = await screen.findByRole('region', { name: 'Usage' });
    const bar = await within(section).findByRole('progressbar', { name: `Calls analysed in ${monthLabel}` });
    expect(bar).toHaveAttribute('value', '120');
    expect(bar).toHaveAttribute('max', '120');
    expect(section).toHaveTextContent(`Calls analysed in ${monthLabel}: 120 of 120 · 0 left`);
    expect(within(section).getByText(/The allowance is used up/)).toBeInTheDocument();
    const months = within(section).getByRole('table', { name: 'Usage by month' });
    expect(within(months).getByRole('row', { name: `${monthLabel} 120` })).toBeInTheDocument();
    const runs = within(section).getByRole('table', { name: 'Runs that used the allowance' });
    const link = within(runs).getByRole('link', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
    expect(link).toHaveAttribute('href', `/runs?run=${runId}`);
    expect(
      within(runs).getByRole('row', { name: /Ad-hoc run · 2025-12-01 to 2026-05-31/ }),
    ).toHaveTextContent(`Ad-hoc run · 2025-12-01 to 2026-05-31Started by Ada Admin${monthLabel}1200180`);
  });

  it('shows the workspace id the operator’s quota command takes, the command only to admins, and the operator the Operator page', async () => {
    await using env = await startRunEnv();
    const session = await env.admin.auth.session.query();
    if (!session) throw new Error('signed out');
    const workspaceId = session.workspace.id;
    /** Invited by the owner and joined: the newcomer's browser. */
    const join = async (email: string, role: 'member' | 'admin', name: string) => {
      const invitation = await env.admin.members.invite.mutate({ email, role });
      const browser = browserLikeFetch(env.server.url);
      await apiClient(env.server.url, browser).invitations.accept.mutate({
        invitationId: invitation.id,
        name,
        password: `${name.toLowerCase()} long password`,
      });
      return browser;
    };
    const memberFetch = await join('mo@example.com', 'member', 'Mo Member');

    const asMember = renderApp(env.server.url, '/settings', memberFetch);
    let section = await screen.findByRole('region', { name: 'Usage' });
    await within(section).findByText(/Calls analysed in/);
    expect(section).toHaveTextContent(`Workspace id: ${workspaceId}`);
    expect(section).not.toHaveTextContent('npm run quota');
    asMember.unmount();

    // An admin who does not run the instance is told what to ask for.
    const adminFetch = await join('ari@example.com', 'admin', 'Ari Admin');
    const asAdmin = renderApp(env.server.url, '/settings', adminFetch);
    section = await screen.findByRole('region', { name: 'Usage' });
    await within(section).findByText(/Calls analysed in/);
    expect(section).toHaveTextContent(`Workspace id: ${workspaceId}`);
    expect(section).toHaveTextContent(`npm run quota -- set ${workspaceId} <calls>`);
    asAdmin.unmount();

    // The owner who set up this Callmine is its operator: sent to the Operator page, where the allowance is set.
    renderApp(env.server.url, '/settings', env.adminFetch);
    section = await screen.findByRole('region', { name: 'Usage' });
    await within(section).findByText(/Calls analysed in/);
    expect(
      await within(section).findByText(/You run this Callmine: set this workspace’s allowance on the/),
    ).toBeInTheDocument();
    expect(within(section).getByRole('link', { name: 'Operator' })).toHaveAttribute('href', '/operator');
    expect(section).not.toHaveTextContent('npm run quota');
  });

  it('marks the run partial on the Runs page, and the start form warns (without blocking) when the allowance won’t cover a run', async () => {
    await using env = await startEnv();
    await partialRun(env);
    renderApp(env.server.url, '/runs', env.adminFetch);
    const run = await screen.findByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
    expect(run).toHaveTextContent(
      'Partial: quota reached — 120 of 300 calls analysed (180 skipped); allowance 120/month, 120 used.',
    );
    // Its heading says so too, beside Done, as the Reports list tags its report.
    expect(within(run).getByRole('heading')).toHaveTextContent(/Done Partial$/);

    const user = userEvent.setup();
    const form = screen.getByRole('form', { name: 'Start a run' });
    const fill = async (from: string, to: string) => {
      await user.clear(within(form).getByLabelText('First day'));
      await user.type(within(form).getByLabelText('First day'), from);
      await user.clear(within(form).getByLabelText('Last day'));
      await user.type(within(form).getByLabelText('Last day'), to);
    };
    // No cached calls in July, so no count to give; but none of the 120 is left, and that is said before the run.
    await fill('2026-07-01', '2026-07-31');
    expect(
      await within(form).findByText(
        'None of this month’s 120 calls are left. This run would analyse only calls already counted this month and end partial if it finds new ones. You can still start it.',
      ),
    ).toBeInTheDocument();
    expect(within(form).queryByText(/would count/)).toBeNull();
    // The whole history: the 180 calls the first run skipped are new, and none of the 120 is left.
    await fill('2025-12-01', '2026-05-31');
    expect(
      await within(form).findByText(
        'This run would count 180 new calls, but only 0 of this month’s 120 are left. It would analyse only the calls that fit and end partial. You can still start it.',
      ),
    ).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Start run' }));
    await waitFor(async () => expect(await env.admin.runs.list.query()).toHaveLength(2));
  });
});

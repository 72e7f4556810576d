// The Runs page against a real server, a real worker and the Gong sandbox: start, watch, fail, cancel.
import { startRunEnv } from '@callmine/worker/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

async function fillAndStart(values: Record<string, string>) {
  const user = userEvent.setup();
  const form = await screen.findByRole('form', { name: 'Start a run' });
  for (const [label, value] of Object.entries(values)) {
    const input = within(form).getByLabelText(label);
    await user.clear(input);
    if (value) await user.type(input, value);
  }
  await user.click(within(form).getByRole('button', { name: 'Start run' }));
  return form;
}

describe('Runs page', () => {
  it('validates the selection with the shared schema before any request', async () => {
    await using env = await startRunEnv({ calls: 50 });
    renderApp(env.server.url, '/runs', env.adminFetch);
    const form = await fillAndStart({
      'First day': '2026-05-10',
      'Last day': '2026-05-01',
      'Reps (optional)': 'bob',
    });
    expect(within(form).getByText('The last day must be on or after the first day.')).toBeInTheDocument();
    expect(
      within(form).getByText('Enter the reps as email addresses separated by commas.'),
    ).toBeInTheDocument();
    expect(await env.admin.runs.list.query()).toHaveLength(0);
  });

  it('starts a run, shows its progress live, and ends with the totals', async () => {
    await using env = await startRunEnv({ calls: 300 });
    await env.startWorker();
    renderApp(env.server.url, '/runs', env.adminFetch);
    expect(await screen.findByRole('link', { name: 'Runs' })).toBeInTheDocument();
    await fillAndStart({ 'First day': '2025-12-01', 'Last day': '2026-05-31' });
    const run = await screen.findByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
    await waitFor(() => expect(within(run).getByText('Done')).toBeInTheDocument(), { timeout: 20_000 });
    expect(within(run).getByText(/Analysed 300 calls/)).toBeInTheDocument();
    const bar = within(run).getByRole('progressbar', { name: /progress/ });
    expect(bar).toHaveAttribute('value', '1');
    const truth = env.sandbox.groundTruth('acme');
    expect(within(run).getByText('Transcripts').nextElementSibling).toHaveTextContent(
      String(truth.transcriptCount),
    );
    expect(within(run).queryByRole('button', { name: 'Cancel run' })).toBeNull();
  });

  it('shows why a run failed when Gong rejects the key', async () => {
    await using env = await startRunEnv({ calls: 50 });
    renderApp(env.server.url, '/runs', env.adminFetch);
    await fillAndStart({ 'First day': '2025-12-01', 'Last day': '2026-05-31' });
    const run = await screen.findByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
    expect(within(run).getByText('Queued')).toBeInTheDocument();
    env.sandbox.faults.revoke(env.key('primary').accessKey);
    await env.startWorker();
    await waitFor(() => expect(within(run).getByText('Failed')).toBeInTheDocument(), { timeout: 20_000 });
    expect(within(run).getByText(/Gong rejected the stored credential/)).toBeInTheDocument();
  });

  it('lets a member cancel a queued run', async () => {
    await using env = await startRunEnv({ calls: 50 });
    renderApp(env.server.url, '/runs', env.adminFetch);
    await fillAndStart({ 'First day': '2025-12-01', 'Last day': '2026-05-31' });
    const run = await screen.findByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
    await userEvent.setup().click(within(run).getByRole('button', { name: 'Cancel run' }));
    await waitFor(() => expect(within(run).getByText('Canceled')).toBeInTheDocument());
  });

  it('runs only the trackers the member ticks, and says when none is ticked', async () => {
    await using env = await startRunEnv({ calls: 50 });
    await env.startWorker();
    renderApp(env.server.url, '/runs', env.adminFetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Start a run' });
    const trackers = await within(form).findByRole('group', { name: 'Trackers' });
    for (const name of ['Competitors', 'Pricing', 'Next steps', 'Security']) {
      const box = within(trackers).getByRole('checkbox', { name: new RegExp(`^${name}`) });
      expect(box).toBeChecked();
      await user.click(box);
    }
    await fillAndStart({ 'First day': '2025-12-01', 'Last day': '2026-05-31' });
    expect(
      within(form).getByText('Choose at least one tracker, or run a saved analysis.'),
    ).toBeInTheDocument();
    expect(await env.admin.runs.list.query()).toHaveLength(0);

    await user.click(within(trackers).getByRole('checkbox', { name: /^Pricing/ }));
    await user.click(within(form).getByRole('button', { name: 'Start run' }));
    const run = await screen.findByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
    await waitFor(() => expect(within(run).getByText('Done')).toBeInTheDocument(), { timeout: 20_000 });
    const [done] = await env.admin.runs.list.query();
    const report = await env.admin.reports.export.query({ id: done!.reportId! });
    expect(report.result.trackers?.map((t) => t.name)).toEqual(['Pricing']);
  });

  it("starts a saved analysis with its own window instead of the form's days", async () => {
    await using env = await startRunEnv({ calls: 50 });
    await env.admin.analyses.create.mutate({
      name: 'Pricing pulse',
      window: { kind: 'absolute', from: '2026-01-01', to: '2026-01-31' },
      filters: {},
      settings: { analysers: ['trackers'], trackers: [{ name: 'Price', phrases: [{ phrase: 'price' }] }] },
    });
    renderApp(env.server.url, '/runs', env.adminFetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Start a run' });
    const saved = await within(form).findByRole('radio', { name: /A saved analysis/ });
    // Enabled once the analyses have loaded.
    await waitFor(() => expect(saved).toBeEnabled());
    await user.click(saved);
    expect(within(form).queryByLabelText('First day')).toBeNull();
    expect(within(form).getByLabelText('Saved analysis')).toHaveDisplayValue('Pricing pulse');
    expect(within(form).getByText(/Window: 2026-01-01 to 2026-01-31/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Start run' }));
    expect(
      await screen.findByRole('listitem', { name: 'Pricing pulse · 2026-01-01 to 2026-01-31' }),
    ).toBeInTheDocument();
  });
});

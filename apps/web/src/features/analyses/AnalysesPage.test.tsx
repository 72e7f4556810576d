// The analyses list and editor against a real server: validation by the procedures' schema, starter templates,
// saving, editing, deleting, and starting a run.
import { startSandboxedServer } from '@callmine/server/testing';
import { startRunEnv } from '@callmine/worker/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

const definition = {
  name: 'Competitor watch',
  window: { kind: 'relative' as const, lastDays: '14' },
  filters: { externalOnly: 'yes' as const, minDurationMinutes: '5', repEmails: 'ana@example.com' },
  settings: {
    analysers: ['trackers' as const, 'talk' as const],
    trackers: [
      { name: 'Competitors', phrases: [{ phrase: 'Chorus', synonyms: ['Chorus.ai', 'chorus ai'] }] },
    ],
  },
};

describe('Analysis editor', { timeout: 60_000 }, () => {
  it('shows the schema’s messages under the fields, focuses the first, and saves nothing', async () => {
    await using env = await startSandboxedServer();
    renderApp(env.server.url, '/analyses/new', env.adminFetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'New analysis' });
    await user.click(within(form).getByRole('radio', { name: 'A fixed range of days' }));
    await user.clear(within(form).getByLabelText('First day'));
    await user.type(within(form).getByLabelText('First day'), '2026-05-10');
    await user.clear(within(form).getByLabelText('Last day'));
    await user.type(within(form).getByLabelText('Last day'), '2026-05-01');
    await user.type(within(form).getByLabelText('Reps (optional)'), 'bob');
    await user.click(within(form).getByRole('button', { name: 'Add blank tracker' }));
    const tracker = within(form).getByRole('group', { name: 'Tracker 1' });
    expect(within(tracker).getByLabelText('Tracker name')).toHaveFocus();
    await user.type(within(tracker).getByLabelText('Phrases'), 'Chorus{Enter}{Enter}: only synonyms');
    await user.click(within(form).getByRole('button', { name: 'Save analysis' }));

    expect(within(form).getByText('Give the analysis a name.')).toBeInTheDocument();
    expect(within(form).getByText('The last day must be on or after the first day.')).toBeInTheDocument();
    expect(
      within(form).getByText('Enter the reps as email addresses separated by commas.'),
    ).toBeInTheDocument();
    expect(within(tracker).getByText('Give the tracker a name.')).toBeInTheDocument();
    expect(within(tracker).getByText('Line 3: A phrase needs at least one character.')).toBeInTheDocument();
    expect(within(form).getByLabelText('Name')).toHaveFocus();
    expect(within(form).getByLabelText('Name')).toHaveAccessibleDescription('Give the analysis a name.');

    for (const box of ['Trackers', 'Customer questions', 'Themes', 'Talk metrics']) {
      await user.click(within(form).getByRole('checkbox', { name: box }));
    }
    await user.click(within(form).getByRole('button', { name: 'Save analysis' }));
    expect(within(form).getByText('Pick at least one analysis.')).toBeInTheDocument();
    expect(await env.admin.analyses.list.query()).toEqual([]);
  });

  it('adds trackers from the starter templates, edits their phrases and saves the analysis', async () => {
    await using env = await startSandboxedServer();
    renderApp(env.server.url, '/analyses', env.adminFetch);
    const user = userEvent.setup();
    expect(await screen.findByText('No analyses yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('link', { name: 'New analysis' }));
    const form = await screen.findByRole('form', { name: 'New analysis' });
    await user.type(within(form).getByLabelText('Name'), 'Deal risks');
    await user.click(within(form).getByRole('button', { name: '7 days' }));
    expect(within(form).getByLabelText('Number of days')).toHaveValue('7');
    await user.click(within(form).getByRole('checkbox', { name: 'Themes' }));

    const templates = within(form).getByLabelText('Starter template');
    await waitFor(() => expect(within(templates).getAllByRole('option').length).toBeGreaterThan(1));
    await user.selectOptions(templates, 'Competitors');
    await user.click(within(form).getByRole('button', { name: 'Add from template' }));
    const tracker = within(form).getByRole('group', { name: 'Tracker 1' });
    expect(within(tracker).getByLabelText('Tracker name')).toHaveValue('Competitors');
    const phrases = within(tracker).getByLabelText('Phrases');
    expect(phrases).toHaveValue(
      'Chorus: Chorus.ai, ZoomInfo Chorus\nClari\nSalesloft: Sales Loft\nOutreach: Outreach.io',
    );
    await user.clear(phrases);
    await user.type(phrases, 'Chorus: Chorus.ai{Enter}Gong: gong.io, Gong io');
    await user.clear(within(tracker).getByLabelText('Tracker name'));
    await user.type(within(tracker).getByLabelText('Tracker name'), 'Rivals');

    await user.selectOptions(templates, 'Pricing');
    await user.click(within(form).getByRole('button', { name: 'Add from template' }));
    await user.click(within(form).getByRole('button', { name: 'Remove tracker Pricing' }));
    expect(within(form).queryByRole('group', { name: 'Tracker 2' })).toBeNull();

    await user.click(within(form).getByRole('button', { name: 'Save analysis' }));
    const table = await screen.findByRole('table', { name: 'Saved analyses' });
    const row = within(table).getByRole('row', { name: /Deal risks/ });
    expect(row).toHaveTextContent('Last 7 days');
    expect(row).toHaveTextContent('Trackers, Questions, Talk metrics');
    expect(row).toHaveTextContent('1 tracker');
    expect(row).toHaveTextContent('Never run');
    const [saved] = await env.admin.analyses.list.query();
    expect(saved).toMatchObject({
      name: 'Deal risks',
      window: { kind: 'relative', lastDays: 7 },
      settings: {
        analysers: ['trackers', 'questions', 'talk'],
        trackers: [
          {
            name: 'Rivals',
            phrases: [
              { phrase: 'Chorus', synonyms: ['Chorus.ai'] },
              { phrase: 'Gong', synonyms: ['gong.io', 'Gong io'] },
            ],
          },
        ],
      },
    });
  });

  it('opens a saved analysis with its settings, saves changes, and deletes it after asking', async () => {
    await using env = await startSandboxedServer();
    const saved = await env.admin.analyses.create.mutate(definition);
    renderApp(env.server.url, `/analyses/${saved.id}`, env.adminFetch);
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: 'Edit analysis' });
    expect(within(form).getByLabelText('Name')).toHaveValue('Competitor watch');
    expect(within(form).getByLabelText('Number of days')).toHaveValue('14');
    expect(within(form).getByLabelText('Reps (optional)')).toHaveValue('ana@example.com');
    expect(within(form).getByLabelText('Minimum duration in minutes (optional)')).toHaveValue('5');
    expect(within(form).getByRole('checkbox', { name: /External calls only/ })).toBeChecked();
    expect(within(form).getByRole('checkbox', { name: 'Themes' })).not.toBeChecked();
    expect(within(form).getByLabelText('Phrases')).toHaveValue('Chorus: Chorus.ai, chorus ai');

    await user.clear(within(form).getByLabelText('Name'));
    await user.type(within(form).getByLabelText('Name'), 'Competitors, Q4');
    await user.click(within(form).getByRole('radio', { name: 'A fixed range of days' }));
    await user.clear(within(form).getByLabelText('First day'));
    await user.type(within(form).getByLabelText('First day'), '2026-10-01');
    await user.clear(within(form).getByLabelText('Last day'));
    await user.type(within(form).getByLabelText('Last day'), '2026-12-31');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));

    const table = await screen.findByRole('table', { name: 'Saved analyses' });
    const row = within(table).getByRole('row', { name: /Competitors, Q4/ });
    expect(row).toHaveTextContent('2026-10-01 to 2026-12-31');
    expect(await env.admin.analyses.get.query({ id: saved.id })).toMatchObject({
      name: 'Competitors, Q4',
      window: { kind: 'absolute', from: '2026-10-01', to: '2026-12-31' },
      filters: { externalOnly: true, minDurationMinutes: 5, repEmails: ['ana@example.com'] },
    });

    await user.click(within(row).getByRole('button', { name: 'Delete Competitors, Q4' }));
    const confirm = within(row).getByRole('group', {
      name: 'Delete “Competitors, Q4”? Its runs and reports stay.',
    });
    expect(within(confirm).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    // Yes waits for the answer naming the schedules deleted with it; clicking it while disabled would do nothing.
    const yes = within(confirm).getByRole('button', { name: 'Yes, delete' });
    await waitFor(() => expect(yes).toBeEnabled());
    await user.click(yes);
    expect(await screen.findByText('No analyses yet.')).toBeInTheDocument();
    expect(await env.admin.analyses.list.query()).toEqual([]);
  });

  it('says when an analysis does not exist', async () => {
    await using env = await startSandboxedServer();
    renderApp(env.server.url, '/analyses/nope', env.adminFetch);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That analysis does not exist in this workspace.',
    );
  });

  it('runs an analysis now and shows the run on the Runs page', async () => {
    await using runEnv = await startRunEnv({ calls: 20 });
    await runEnv.admin.analyses.create.mutate({
      ...definition,
      window: { kind: 'absolute', from: '2026-01-01', to: '2026-03-31' },
      filters: {},
    });
    renderApp(runEnv.server.url, '/analyses', runEnv.adminFetch);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Run Competitor watch now' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Runs' })).toBeInTheDocument();
    // Named by its analysis, and the page opens at it.
    const shown = await screen.findByRole('listitem', {
      name: 'Competitor watch · 2026-01-01 to 2026-03-31',
    });
    expect(shown).toHaveAttribute('aria-current', 'true');
    expect(shown).toHaveTextContent('Started by Ada Admin');
    const [analysis] = await runEnv.admin.analyses.list.query();
    expect(analysis?.lastRun?.status).toBe('queued');
  });
});

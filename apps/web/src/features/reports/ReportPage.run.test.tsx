// A report made by a real run — the worker fetching from the Gong sandbox and writing the report — opened from the
// Runs page: its numbers are the sandbox's ground truth.
import { COMPETITORS } from '@callmine/gong-sandbox';
import { startRunEnv, WHOLE_HISTORY } from '@callmine/worker/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

it('opens the report of a finished run with the sandbox’s totals and tracker counts', {
  timeout: 90_000,
}, async () => {
  await using env = await startRunEnv({ calls: 80 });
  await env.startWorker();
  const analysis = await env.admin.analyses.create.mutate({
    name: 'Competitor watch',
    window: { kind: 'absolute', ...WHOLE_HISTORY },
    filters: {},
    settings: {
      analysers: ['trackers', 'questions', 'themes', 'talk'],
      trackers: [{ name: 'Competitors', phrases: COMPETITORS.map((phrase) => ({ phrase, synonyms: [] })) }],
    },
  });
  const run = await env.admin.analyses.run.mutate({ id: analysis.id });
  await env.waitFor(run.id, (r) => r.status === 'done');

  renderApp(env.server.url, '/runs', env.adminFetch);
  const user = userEvent.setup();
  const item = await screen.findByRole('listitem', {
    name: `Competitor watch · ${WHOLE_HISTORY.from} to ${WHOLE_HISTORY.to}`,
  });
  await user.click(await within(item).findByRole('link', { name: 'Open the report' }));

  expect(
    await screen.findByRole('heading', { level: 1, name: /^Competitor watch · \d{4}-\d{2}-\d{2} to / }),
  ).toBeInTheDocument();
  const truth = env.sandbox.groundTruth('acme');
  const tiles = screen.getByRole('list', { name: 'Summary' });
  const tile = (label: string) => within(tiles).getByText(label).nextElementSibling;
  expect(tile('Calls analysed')).toHaveTextContent(String(truth.callCount));
  expect(tile('With a transcript')).toHaveTextContent(String(truth.transcriptCount));
  expect(tile('Customer questions')).toHaveTextContent(String(truth.questionsByExternal));

  const trackers = screen.getByRole('table', { name: 'Trackers with their phrases' });
  const mentions = COMPETITORS.reduce((sum, term) => sum + (truth.mentions[term] ?? 0), 0);
  const competitors = within(trackers).getByRole('row', { name: /^Competitors/ });
  expect(within(competitors).getAllByRole('cell')[0]).toHaveTextContent(mentions.toLocaleString('en-US'));
  for (const term of COMPETITORS) {
    const row = within(trackers).getByRole('row', { name: new RegExp(`^${term} `) });
    expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(String(truth.mentions[term]));
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent(String(truth.callsMentioning[term]));
  }
  expect(screen.getByText('Ada Admin')).toBeInTheDocument();
});

// Inside a report, against a real server with a report computed by the real engine over the Gong sandbox's calls:
// filters (from the URL, from the select, from a rep's bar), sorting, partial weeks and each rep against the team.
import { seedReport, startSandboxedServer } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

/** A server with a seeded report; `await using` closes it (its server and sandbox). */
async function seeded(options: Parameters<typeof seedReport>[2] = {}) {
  const env = await startSandboxedServer({}, { callsPerTenant: 60 });
  const report = await seedReport(env.server, env.sandbox, { calls: 60, ...options }).catch(async (error) => {
    await env.close();
    throw error;
  });
  return { ...env, report };
}

const rowNames = (table: HTMLElement) =>
  within(table)
    .getAllByRole('rowheader')
    .map((cell) => cell.textContent);

describe('Report filters, sorting and trends', { timeout: 90_000 }, () => {
  // Filters, sorting and the rep buttons change only the page (its URL and state), never the server: these four
  // share one seeded server (a server start and a 60-call report was a second or more of each).
  describe('on one report they only read', () => {
    const env = sharedResource(() => seeded(), 90_000);

    it('a rep in the URL narrows the counts, the calls and the evidence; the select and Clear change it', async () => {
      const { server, adminFetch, report } = env;
      const rep = report.calls[0]!.repId;
      const repCalls = report.calls.filter((c) => c.repId === rep);
      renderApp(server.url, `/reports/${report.id}?rep=${rep}`, adminFetch);
      const filters = await screen.findByRole('form', { name: 'Filters' });
      expect(within(filters).getByLabelText('Rep')).toHaveValue(rep);
      expect(await within(filters).findByText(`${repCalls.length} of 60 calls match.`)).toBeInTheDocument();
      await waitFor(
        () =>
          expect(screen.getAllByText(/^Calls \d/).map((e) => e.textContent)).toEqual([
            `Calls 1–${Math.min(20, repCalls.length)} of ${repCalls.length}.`,
          ]),
        // The first report render on a busy machine: the calls page waits behind the report's own query.
        { timeout: 30_000 },
      );
      // The tracker table counts this rep's calls only.
      const competitors = report.result.trackers!.find((t) => t.name === 'Competitors')!;
      const mentions = repCalls.reduce((sum, c) => sum + (competitors.byCall[c.id] ?? 0), 0);
      const trackers = screen.getByRole('table', { name: 'Trackers with their phrases' });
      const row = within(trackers).getByRole('rowheader', { name: 'Competitors' }).closest('tr')!;
      expect(within(row).getAllByRole('cell')[0]).toHaveTextContent(String(mentions));
      expect(
        within(trackers).getByRole('columnheader', { name: /Mentions \(in view\)/ }),
      ).toBeInTheDocument();
      // Every sentence of the evidence is from this rep's calls.
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'Show evidence for Competitors' }));
      const list = await screen.findByRole('list', { name: 'Evidence for Competitors' });
      for (const item of within(list).getAllByRole('listitem')) {
        expect(item).toHaveTextContent(`${report.reps[rep]}’s call`);
      }

      await user.selectOptions(within(filters).getByLabelText('Rep'), '');
      await waitFor(() => expect(within(filters).queryByText(/calls match\./)).toBeNull());
      expect(await screen.findByText('Calls 1–20 of 60.')).toBeInTheDocument();
      await user.selectOptions(within(filters).getByLabelText('Tracker'), 'Competitors');
      const withCompetitors = report.calls.filter((c) => (competitors.byCall[c.id] ?? 0) > 0).length;
      expect(await within(filters).findByText(`${withCompetitors} of 60 calls match.`)).toBeInTheDocument();
      await user.click(within(filters).getByRole('button', { name: 'Clear filters' }));
      await waitFor(() => expect(within(filters).getByLabelText('Tracker')).toHaveValue(''));
    });

    it('choosing the lost deals narrows the counts, the calls and the evidence; Clear restores them', async () => {
      const { server, adminFetch, report } = env;
      const lost = report.calls.filter((c) => c.deal?.opportunity?.outcome === 'lost');
      // The sandbox gives some calls a lost opportunity and some none at all, as real tenants have.
      expect(lost.length).toBeGreaterThan(0);
      expect(lost.length).toBeLessThan(report.calls.length);
      const lostIds = new Set(lost.map((c) => c.id));
      renderApp(server.url, `/reports/${report.id}`, adminFetch);
      const filters = await screen.findByRole('form', { name: 'Filters' });
      expect(await screen.findByText('Calls 1–20 of 60.', {}, { timeout: 30_000 })).toBeInTheDocument();
      const competitors = report.result.trackers!.find((t) => t.name === 'Competitors')!;
      const mentionsCell = () => {
        const trackers = screen.getByRole('table', { name: 'Trackers with their phrases' });
        return within(
          within(trackers).getByRole('rowheader', { name: 'Competitors' }).closest('tr')!,
        ).getAllByRole('cell')[0]!;
      };
      expect(mentionsCell()).toHaveTextContent(String(competitors.mentions));
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'Show evidence for Competitors' }));
      const allKept = competitors.evidence.length;
      expect(await screen.findByText(new RegExp(`of ${allKept} kept in the report`))).toBeInTheDocument();

      const outcome = within(filters).getByLabelText('Outcome');
      expect(within(outcome).getByRole('option', { name: 'Lost' })).toBeInTheDocument();
      await user.selectOptions(outcome, 'lost');
      expect(await within(filters).findByText(`${lost.length} of 60 calls match.`)).toBeInTheDocument();
      expect(
        await screen.findByText(`Calls 1–${Math.min(20, lost.length)} of ${lost.length}.`),
      ).toBeInTheDocument();
      const lostMentions = lost.reduce((sum, c) => sum + (competitors.byCall[c.id] ?? 0), 0);
      expect(lostMentions).toBeLessThan(competitors.mentions);
      await waitFor(() => expect(mentionsCell()).toHaveTextContent(String(lostMentions)));
      const lostKept = competitors.evidence.filter((e) => lostIds.has(e.callId)).length;
      expect(lostKept).toBeGreaterThan(0);
      expect(await screen.findByText(new RegExp(`of ${lostKept} kept in the report`))).toBeInTheDocument();
      const lostUrls = new Set(lost.map((c) => c.url));
      const list = screen.getByRole('list', { name: 'Evidence for Competitors' });
      for (const link of within(list).getAllByRole('link', { name: 'Open the call in Gong' })) {
        expect(lostUrls.has(link.getAttribute('href')!)).toBe(true);
      }

      await user.click(within(filters).getByRole('button', { name: 'Clear filters' }));
      await waitFor(() => expect(within(filters).getByLabelText('Outcome')).toHaveValue(''));
      expect(await screen.findByText('Calls 1–20 of 60.')).toBeInTheDocument();
      await waitFor(() => expect(mentionsCell()).toHaveTextContent(String(competitors.mentions)));
      expect(await screen.findByText(new RegExp(`of ${allKept} kept in the report`))).toBeInTheDocument();
    });

    it('each rep stands against the team average, and choosing a rep filters to them', async () => {
      const { server, adminFetch, report } = env;
      renderApp(server.url, `/reports/${report.id}`, adminFetch);
      const top = [...report.result.trackers!].sort((a, b) => b.mentions - a.mentions)[0]!;
      const table = await screen.findByRole('table', { name: `Each rep against the team: ${top.name}` });
      const teamPerCall = top.mentions / report.calls.length;
      const rows = within(table).getAllByRole('row').slice(1);
      expect(rows).toHaveLength(new Set(report.calls.map((c) => c.repId)).size);
      for (const row of rows) {
        const name = within(row).getByRole('rowheader').textContent;
        const repId = Object.keys(report.reps).find((id) => report.reps[id] === name)!;
        const calls = report.calls.filter((c) => c.repId === repId);
        const perCall = calls.reduce((sum, c) => sum + (top.byCall[c.id] ?? 0), 0) / calls.length;
        const cells = within(row).getAllByRole('cell');
        expect(cells[0]).toHaveTextContent(String(calls.length));
        expect(cells[1]).toHaveTextContent(perCall.toFixed(2));
        expect(cells[2]).toHaveTextContent(teamPerCall.toFixed(2));
        const difference = Math.round(perCall * 1000) / 1000 - Math.round(teamPerCall * 1000) / 1000;
        expect(cells[3]).toHaveTextContent(
          `${difference > 0 ? '+' : difference < 0 ? '−' : '±'}${Math.abs(difference).toFixed(2)}`,
        );
      }
      const first = within(rows[0]!).getByRole('button');
      await userEvent.setup().click(first);
      expect(first).toHaveAttribute('aria-pressed', 'true');
      const filters = screen.getByRole('form', { name: 'Filters' });
      await waitFor(() => expect(within(filters).getByLabelText('Rep')).not.toHaveValue(''));
      expect(await within(filters).findByText(/of 60 calls match\./)).toBeInTheDocument();
    });

    it('sorts every column both ways and says so with aria-sort', async () => {
      const { server, adminFetch, report } = env;
      renderApp(server.url, `/reports/${report.id}`, adminFetch);
      const table = await screen.findByRole('table', { name: 'Trackers with their phrases' });
      const groupRows = () =>
        within(table)
          .getAllByRole('row')
          .filter((r) => r.classList.contains('group-row'))
          .map((r) => within(r).getByRole('rowheader').textContent);
      const byMentions = [...report.result.trackers!]
        .sort((a, b) => b.mentions - a.mentions)
        .map((t) => t.name);
      expect(groupRows()).toEqual(byMentions);
      const mentions = within(table).getByRole('columnheader', { name: /^Mentions/ });
      expect(mentions).toHaveAttribute('aria-sort', 'descending');
      const user = userEvent.setup();
      await user.click(within(mentions).getByRole('button'));
      expect(mentions).toHaveAttribute('aria-sort', 'ascending');
      expect(groupRows()).toEqual([...byMentions].reverse());
      const name = within(table).getByRole('columnheader', { name: /Tracker \/ phrase/ });
      await user.click(within(name).getByRole('button'));
      expect(name).toHaveAttribute('aria-sort', 'ascending');
      expect(mentions).toHaveAttribute('aria-sort', 'none');
      expect(groupRows()).toEqual(
        report.result.trackers!.map((t) => t.name).sort((a, b) => a.localeCompare(b)),
      );

      const talk = screen.getByRole('table', { name: 'Talk metrics per rep' });
      const calls = within(talk).getByRole('columnheader', { name: /^Calls/ });
      expect(calls).toHaveAttribute('aria-sort', 'descending');
      const counts = () =>
        within(talk)
          .getAllByRole('row')
          .slice(1)
          .map((r) => Number(within(r).getAllByRole('cell')[0]!.textContent));
      expect(counts()).toEqual([...counts()].sort((a, b) => b - a));
      await user.click(within(calls).getByRole('button'));
      expect(counts()).toEqual([...counts()].sort((a, b) => a - b));
      expect(rowNames(talk).length).toBe(report.result.talk!.length);
    });
  });

  it('a long ranked table shows its first 20 rows in the chosen order, and every row on Show all', async () => {
    await using env = await seeded({ settings: { topN: 50, evidenceLimit: 5 } });
    const { server, adminFetch, report } = env;
    const themes = report.result.themes!.themes;
    expect(themes.length).toBeGreaterThan(20);
    renderApp(server.url, `/reports/${report.id}`, adminFetch);
    const table = await screen.findByRole('table', { name: 'Customer themes' });
    const byWeight = [...themes].sort((a, b) => b.score - a.score).map((t) => t.phrase);
    expect(rowNames(table)).toEqual(byWeight.slice(0, 20));
    const user = userEvent.setup();
    // Sorting orders every row, then shows the first 20 of that order.
    await user.click(within(table).getByRole('button', { name: /^Theme/ }));
    const byName = [...byWeight].sort((a, b) => a.localeCompare(b));
    expect(rowNames(table)).toEqual(byName.slice(0, 20));
    const all = screen.getByRole('button', { name: `Show all ${themes.length}` });
    expect(all).toHaveAttribute('aria-expanded', 'false');
    await user.click(all);
    expect(rowNames(table)).toEqual(byName);
    await user.click(screen.getByRole('button', { name: 'Show the first 20' }));
    expect(rowNames(table)).toHaveLength(20);
  });

  it('marks the weeks the window or the quota cut short as partial, never as a dip', async () => {
    await using env = await startSandboxedServer({}, { callsPerTenant: 60 });
    const starts = (await seedReport(env.server, env.sandbox, { calls: 60 })).calls
      .map((c) => c.started)
      .sort();
    // The selection began four weeks before the oldest call analysed: the quota kept the newest and skipped the rest.
    const from = new Date(Date.parse(starts[0]!) - 28 * 86_400_000).toISOString().slice(0, 10);
    const report = await seedReport(env.server, env.sandbox, {
      calls: 60,
      window: { from, to: starts.at(-1)!.slice(0, 10) },
      partial: {
        reason: 'quota-reached',
        callsSelected: 90,
        callsAnalyzed: 60,
        callsSkipped: 30,
        allowance: 60,
        used: 60,
        admitted: 'newest-first',
      },
    });
    renderApp(env.server.url, `/reports/${report.id}`, env.adminFetch);
    const banner = await screen.findByText('Partial: quota reached.');
    expect(banner.parentElement).toHaveTextContent(
      'The newest calls were kept: the ones skipped are the oldest',
    );
    await userEvent.setup().click(screen.getByText('The weeks as a table'));
    const weeks = screen.getByRole('table', { name: 'Tracker mentions per week' });
    const rows = within(weeks).getAllByRole('row').slice(1);
    const isPartial = (row: HTMLElement) => row.classList.contains('partial-week');
    // Five weeks run from the window's start to the oldest call's week: all partial (the first may be so because
    // the window starts inside it), the four after it because of the quota. The next week is full.
    expect(rows.slice(0, 5).every(isPartial)).toBe(true);
    for (const row of rows.slice(1, 5))
      expect(row).toHaveTextContent('the monthly quota skipped older calls');
    expect(isPartial(rows[5]!)).toBe(false);
    expect(screen.getByRole('figure', { name: /Trackers per week/ })).toHaveAccessibleDescription(
      /Dashed, hollow points are partial weeks, left out of the line/,
    );
  });
});

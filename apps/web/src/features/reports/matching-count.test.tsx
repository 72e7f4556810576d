// A filter's count shown from the numbers on screen, before the server answers: it must be the count the server
// then gives (checked against a real server for every filter a click changes), and it must be on screen while the
// server's answer is still held back.
import type { ReportFilters } from '@callmine/contracts';
import { apiClient, seedReport, startSandboxedServer } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Suspense, use } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { createApiClient, createQueryClient } from '../../lib/trpc.ts';
import { Providers } from '../../Providers.tsx';
import { renderApp } from '../../test/render-app.tsx';
import { matchingCount } from './matching-count.ts';
import { ReportPage } from './ReportPage.tsx';

async function seeded() {
  const env = await startSandboxedServer({}, { callsPerTenant: 60 });
  const report = await seedReport(env.server, env.sandbox, { calls: 60 }).catch(async (error) => {
    await env.close();
    throw error;
  });
  return { ...env, report };
}

/** Clicks the first rep's button in "Each rep against the team" for the top tracker; that rep and its call count. */
async function clickFirstRep(report: Awaited<ReturnType<typeof seeded>>['report']) {
  const top = [...report.result.trackers!].sort((a, b) => b.mentions - a.mentions)[0]!;
  const table = await screen.findByRole('table', { name: `Each rep against the team: ${top.name}` });
  const first = within(table).getAllByRole('row')[1]!;
  const repId = Object.keys(report.reps).find(
    (id) => report.reps[id] === within(first).getByRole('rowheader').textContent,
  )!;
  await userEvent.setup().click(within(first).getByRole('button'));
  return { repId, repCalls: report.calls.filter((c) => c.repId === repId).length };
}

describe('A filter’s count before the server answers', { timeout: 90_000 }, () => {
  const env = sharedResource(() => seeded(), 90_000);

  it('equals the server’s count for every rep, week and tracker chosen from any of several views', async () => {
    const { server, adminFetch, report } = env;
    const api = apiClient(server.url, adminFetch);
    const get = (filters: ReportFilters) => api.reports.get.query({ id: report.id, ...filters });
    const all = await get({});
    const reps = all.trends.reps.map((r) => r.repId);
    const weeks = all.trends.weeks.filter((w) => w.calls > 0).map((w) => w.week);
    const trackers = all.result.trackers!.map((t) => t.name);
    const lost = report.calls.find((c) => c.deal?.opportunity?.outcome === 'lost');
    expect(lost).toBeDefined();
    const views: ReportFilters[] = [
      {},
      { rep: reps[0] },
      { week: weeks[1] },
      { tracker: trackers[0] },
      { outcome: 'lost' },
      { rep: reps[1], tracker: trackers[1] },
      { phrase: all.result.trackers![0]!.phrases[0]!.phrase },
    ];
    let told = 0;
    for (const view of views) {
      const shown = await get(view);
      const changes: ReportFilters[] = [
        ...reps.slice(0, 3).map((rep) => ({ ...view, rep })),
        { ...view, rep: undefined },
        ...weeks.slice(0, 3).map((week) => ({ ...view, week })),
        ...trackers.map((tracker) => ({ ...view, tracker, phrase: undefined })),
      ];
      for (const next of changes) {
        const filters = Object.fromEntries(
          Object.entries(next).filter(([, value]) => value !== undefined),
        ) as ReportFilters;
        const count = matchingCount(shown, filters);
        if (count === null) continue;
        told += 1;
        expect({ view, filters, count }).toEqual({
          view,
          filters,
          count: (await get(filters)).matchingCalls,
        });
      }
    }
    // Most one-filter changes are told at once; a phrase on screen makes the rest wait.
    expect(told).toBeGreaterThan(60);
    expect(matchingCount(all, { phrase: all.result.trackers![0]!.phrases[0]!.phrase })).toBeNull();
    expect(matchingCount(all, { stage: 'Negotiation' })).toBeNull();
  });

  it('shows a rep’s count as the rep is chosen, while the server’s answer is held back', async () => {
    const { server, adminFetch, report } = env;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding = 0;
    // The real server answers every request; a filtered report's answer is only delivered once released.
    const gated: typeof fetch = async (input, init) => {
      const answer = adminFetch(input, init);
      if (/reports\.get/.test(String(input)) && /%22rep%22/.test(String(input))) {
        holding += 1;
        await held;
      }
      return answer;
    };
    renderApp(server.url, `/reports/${report.id}`, Object.assign(gated, { cookies: adminFetch.cookies }));
    const { repCalls } = await clickFirstRep(report);
    const filters = screen.getByRole('form', { name: 'Filters' });
    expect(await within(filters).findByText(`${repCalls} of 60 calls match.`)).toBeInTheDocument();
    expect(holding).toBeGreaterThan(0);
    expect(screen.getByRole('article')).toHaveAttribute('aria-busy', 'true');
    release();
    await waitFor(() => expect(screen.getByRole('article')).toHaveAttribute('aria-busy', 'false'), {
      timeout: 30_000,
    });
    expect(within(filters).getByText(`${repCalls} of 60 calls match.`)).toBeInTheDocument();
  });

  it('draws the chosen rep’s count while the router’s navigation to the new URL is still held back', async () => {
    const { server, adminFetch, report } = env;
    // react-router applies a new URL in a transition; a page that suspends on the new URL holds that transition back
    // (as a busy machine delays it), so only what the click draws by itself can show.
    const never = new Promise<never>(() => {});
    function HoldsFilteredUrls() {
      if (useLocation().search.includes('rep=')) use(never);
      return null;
    }
    const fetcher: typeof fetch = (input, init) => adminFetch(input, { ...init, signal: null });
    render(
      <Providers
        trpcClient={createApiClient({ url: `${server.url}/trpc`, fetch: fetcher })}
        queryClient={createQueryClient()}
      >
        <MemoryRouter initialEntries={[`/reports/${report.id}`]}>
          <Suspense fallback={<p>Held back</p>}>
            <Routes>
              <Route
                path="/reports/:id"
                element={
                  <>
                    <ReportPage />
                    <HoldsFilteredUrls />
                  </>
                }
              />
            </Routes>
          </Suspense>
        </MemoryRouter>
      </Providers>,
    );
    const { repId, repCalls } = await clickFirstRep(report);
    const filters = screen.getByRole('form', { name: 'Filters' });
    expect(await within(filters).findByText(`${repCalls} of 60 calls match.`)).toBeInTheDocument();
    expect(within(filters).getByLabelText('Rep')).toHaveValue(repId);
    expect(screen.queryByText('Held back')).toBeNull();
  });
});

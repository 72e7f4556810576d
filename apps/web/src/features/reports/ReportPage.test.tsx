// The Reports list and the report view against a real server, with reports computed by the real analysis engine
// over the Gong sandbox's calls (@callmine/server/testing's seedReport).
import { apiClient, browserLikeFetch, seedReport, startSandboxedServer } from '@callmine/server/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

import { callTime } from './format.ts';

// Rendering a full report (charts, tables) in jsdom on a shared CI machine takes a few seconds.
const start = () => startSandboxedServer({}, { callsPerTenant: 60 });

/** jsdom's Blob has no text(); FileReader reads it as a browser would. */
function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** Catches the Blob a CSV export hands to the browser (jsdom has no object URLs). */
function captureDownloads() {
  const files: Array<{ name: string; text: Promise<string> }> = [];
  const blobs: Blob[] = [];
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  };
  URL.revokeObjectURL = () => {};
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs[Number(this.href.split('/').pop()) - 1];
    if (blob) files.push({ name: this.download, text: readText(blob) });
  };
  return {
    files,
    restore: () => {
      HTMLAnchorElement.prototype.click = click;
    },
  };
}

describe('Reports page', { timeout: 60_000 }, () => {
  it('says there are no reports yet, then lists them newest first and searches by name', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch } = env;
    const first = renderApp(server.url, '/reports', adminFetch);
    expect(await screen.findByText('No reports yet.')).toBeInTheDocument();
    first.unmount();

    await seedReport(server, sandbox, {
      name: 'Pricing pulse',
      calls: 10,
      createdAt: new Date('2026-06-01T10:00:00Z'),
    });
    await seedReport(server, sandbox, {
      name: 'Competitor watch',
      calls: 20,
      createdAt: new Date('2026-06-02T10:00:00Z'),
      partial: {
        reason: 'quota-reached',
        callsSelected: 30,
        callsAnalyzed: 20,
        callsSkipped: 10,
        allowance: 20,
        used: 20,
      },
    });
    renderApp(server.url, '/reports', adminFetch);
    const table = await screen.findByRole('table', { name: 'Reports, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('link').textContent)).toEqual([
      'Competitor watch',
      'Pricing pulse',
    ]);
    expect(within(rows[0]!).getByText('Partial')).toBeInTheDocument();
    expect(within(rows[0]!).getByRole('cell', { name: '20' })).toBeInTheDocument();
    expect(within(rows[1]!).queryByText('Partial')).toBeNull();

    await userEvent.setup().type(screen.getByLabelText('Search reports by name'), 'pric');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByRole('link', { name: 'Pricing pulse' })).toBeInTheDocument();
    await userEvent.setup().type(screen.getByLabelText('Search reports by name'), 'zzz');
    expect(await screen.findByText('No report’s name contains “priczzz”.')).toBeInTheDocument();
  });
});

describe('Report view', { timeout: 60_000 }, () => {
  it('shows a loading state, then the full report with tiles, charts and ranked tables', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch } = env;
    const seeded = await seedReport(server, sandbox, { calls: 60 });
    renderApp(server.url, `/reports/${seeded.id}`, adminFetch);
    expect(await screen.findByText('Loading the report…')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { level: 1, name: 'Competitor watch' })).toBeInTheDocument();

    const tiles = screen.getByRole('list', { name: 'Summary' });
    const tile = (label: string) => within(tiles).getByText(label).nextElementSibling;
    expect(tile('Calls analysed')).toHaveTextContent('60');
    expect(tile('With a transcript')).toHaveTextContent(String(seeded.result.calls.withTranscript));
    expect(tile('Customer questions')).toHaveTextContent(String(seeded.result.questions!.total));
    const top = [...seeded.result.trackers!].sort((a, b) => b.mentions - a.mentions)[0]!;
    expect(top.mentions).toBeGreaterThan(0);
    expect(tile('Top tracker')).toHaveTextContent(top.name);

    for (const name of [
      'Trackers per week: mentions per call',
      `Each rep against the team: ${top.name}, mentions per call`,
      'Talk ratio by rep',
    ]) {
      const chart = screen.getByRole('figure', { name });
      expect(chart.querySelector('svg')).not.toBeNull();
    }
    // The talk-ratio chart draws one bar per rep with a transcript, each named.
    const talkFigure = screen.getByRole('figure', { name: 'Talk ratio by rep' });
    const talking = seeded.result.talk!.filter((r) => r.talkRatio !== null);
    expect(talkFigure.querySelectorAll('.chart-bar').length).toBe(talking.length);
    expect(
      [...talkFigure.querySelectorAll('.chart-bar-label')].map((label) => label.textContent).sort(),
    ).toEqual(talking.map((r) => seeded.reps[r.repId] ?? r.repId).sort());

    const trackers = screen.getByRole('table', { name: 'Trackers with their phrases' });
    const firstRow = within(trackers).getAllByRole('row')[1]!;
    expect(within(firstRow).getByRole('rowheader')).toHaveTextContent(top.name);
    expect(within(firstRow).getAllByRole('cell')[0]).toHaveTextContent(top.mentions.toLocaleString('en-US'));
    // The sections below the fold are drawn after the first paint.
    expect(await screen.findByRole('table', { name: 'Customer questions' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Customer themes' })).toBeInTheDocument();
    const talk = screen.getByRole('table', { name: 'Talk metrics per rep' });
    const firstRep = seeded.result.talk![0]!;
    expect(within(talk).getByRole('rowheader', { name: seeded.reps[firstRep.repId] })).toBeInTheDocument();
    expect(screen.getByText(/Share of the speaking time on the rep’s calls/)).toBeInTheDocument();
    // Why a rep's calls here can be fewer than in the tracker tables.
    expect(screen.getByText(/^Only calls with a transcript count here/)).toBeInTheDocument();
  });

  it('drills down from a tracker to the sentences, who said them, when, and the call in Gong', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch } = env;
    const seeded = await seedReport(server, sandbox, { calls: 30 });
    renderApp(server.url, `/reports/${seeded.id}`, adminFetch);
    const user = userEvent.setup();
    const competitors = seeded.result.trackers!.find((t) => t.name === 'Competitors')!;
    const toggle = await screen.findByRole('button', { name: 'Show evidence for Competitors' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(toggle).toHaveAccessibleName('Hide evidence for Competitors');
    const list = await screen.findByRole('list', { name: 'Evidence for Competitors' });
    const items = within(list).getAllByRole('listitem');
    // A page of ten, newest call first, each with its rep, the call's date and title.
    expect(items).toHaveLength(Math.min(10, competitors.evidence.length));
    const startOf = (callId: string) => seeded.calls.find((c) => c.id === callId)!.started;
    const first = [...competitors.evidence].sort(
      (a, b) => startOf(b.callId).localeCompare(startOf(a.callId)) || a.sentenceIndex - b.sentenceIndex,
    )[0]!;
    const call = seeded.calls.find((c) => c.id === first.callId)!;
    expect(items[0]).toHaveTextContent(first.text);
    expect(items[0]).toHaveTextContent(
      first.side === 'external' ? 'Customer' : first.side === 'internal' ? 'Your team' : 'Unknown speaker',
    );
    expect(items[0]).toHaveTextContent(
      `at ${callTime(first.startMs)} in ${call.title} on ${call.started.slice(0, 10)}, ${seeded.reps[call.repId]}’s call`,
    );
    expect(
      screen.getByText(
        `Sentences 1–${items.length} of ${competitors.evidence.length} kept in the report, newest call first.`,
      ),
    ).toBeInTheDocument();
    expect(within(items[0]!).getByRole('link', { name: 'Open the call in Gong' })).toHaveAttribute(
      'href',
      call.url,
    );
    await user.click(toggle);
    expect(screen.queryByRole('list', { name: 'Evidence for Competitors' })).toBeNull();
  });

  it('exports a table as CSV with the numbers on the page', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch } = env;
    const seeded = await seedReport(server, sandbox, { name: 'Q4 / competitors', calls: 30 });
    renderApp(server.url, `/reports/${seeded.id}`, adminFetch);
    const downloads = captureDownloads();
    try {
      await userEvent.setup().click(await screen.findByRole('button', { name: 'Export trackers as CSV' }));
      expect(downloads.files).toHaveLength(1);
      const file = downloads.files[0]!;
      expect(file.name).toMatch(/^q4-competitors-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}-trackers\.csv$/);
      const lines = (await file.text).replace(/^\uFEFF/, '').split('\r\n');
      expect(lines[0]).toBe(
        'Tracker,Phrase,Mentions,By your team,By customers,By unknown speakers,Calls mentioning,Share of calls',
      );
      const competitors = seeded.result.trackers!.find((t) => t.name === 'Competitors')!;
      expect(lines).toContain(
        `Competitors,(all phrases),${competitors.mentions},${competitors.bySide.internal},${competitors.bySide.external},${competitors.bySide.unknown},${competitors.callsMentioning},${Math.round(competitors.shareOfCalls * 1000) / 1000}`,
      );
      const phrase = competitors.phrases[0]!;
      expect(lines).toContain(
        `Competitors,${phrase.phrase},${phrase.mentions},${phrase.bySide.internal},${phrase.bySide.external},${phrase.bySide.unknown},${phrase.callsMentioning},`,
      );
    } finally {
      downloads.restore();
    }
  });

  it('shows the quota banner on a partial report', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch } = env;
    const seeded = await seedReport(server, sandbox, {
      calls: 20,
      partial: {
        reason: 'quota-reached',
        callsSelected: 30,
        callsAnalyzed: 20,
        callsSkipped: 10,
        allowance: 500,
        used: 500,
      },
    });
    renderApp(server.url, `/reports/${seeded.id}`, adminFetch);
    const banner = await screen.findByText('Partial: quota reached.');
    expect(banner.parentElement).toHaveTextContent(
      'The run selected 30 calls but analysed 20; 10 were skipped because the workspace had used 500 of its 500 calls this month.',
    );
  });

  it('says so when a report covers no calls', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch } = env;
    const seeded = await seedReport(server, sandbox, { name: 'Quiet week', calls: 0 });
    renderApp(server.url, `/reports/${seeded.id}`, adminFetch);
    expect(
      await screen.findByText('No calls matched this report’s selection, so there is nothing to show.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('figure')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Export trackers as CSV' })).toBeNull();
  });

  it('says when a report does not exist', async () => {
    await using env = await start();
    const { server, adminFetch } = env;
    renderApp(server.url, '/reports/no-such-report', adminFetch);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That report does not exist in this workspace.',
    );
    expect(screen.getByRole('link', { name: 'Back to all reports' })).toBeInTheDocument();
  });

  it('lets an admin delete a report after confirming, and hides Delete from members', async () => {
    await using env = await start();
    const { server, sandbox, adminFetch, admin } = env;
    const seeded = await seedReport(server, sandbox, { calls: 10 });
    const invitation = await admin.members.invite.mutate({ email: 'mo@example.com', role: 'member' });
    const memberFetch = browserLikeFetch(server.url);
    await apiClient(server.url, memberFetch).invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Mo Member',
      password: 'mo long password',
    });
    const asMember = renderApp(server.url, `/reports/${seeded.id}`, memberFetch);
    await screen.findByRole('heading', { level: 1, name: 'Competitor watch' });
    expect(screen.queryByRole('button', { name: 'Delete report' })).toBeNull();
    asMember.unmount();

    renderApp(server.url, `/reports/${seeded.id}`, adminFetch);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Delete report' }));
    const confirm = screen.getByRole('group', {
      name: 'Delete “Competitor watch” for everyone? This can’t be undone.',
    });
    expect(within(confirm).getByRole('button', { name: 'Keep it' })).toHaveFocus();
    await user.click(within(confirm).getByRole('button', { name: 'Yes, delete it' }));
    expect(await screen.findByText('No reports yet.')).toBeInTheDocument();
    expect(await admin.reports.list.query()).toEqual([]);
  });
});

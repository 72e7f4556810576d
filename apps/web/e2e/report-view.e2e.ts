// Inside a report, in Chromium against `npm start`: a 300-call report computed by the real engine over the Gong
// sandbox's calls (written into Callmine's database as the worker writes it), filtered by a rep and by lost deals
// through the URL-backed filters, its evidence paged, the trackers exported as CSV (the filtered numbers) and a table
// sorted; charts fill their cards.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDatabase } from '@callmine/db';
import type { GongSandbox } from '@callmine/gong-sandbox';
import { SEED_TRACKERS, seedReport } from '@callmine/server/testing';
import { expect, test } from '@playwright/test';
import { createOwner } from './support/first-steps.ts';
import { startSandboxedCallmine, stopSandboxedCallmine } from './support/sandboxed-callmine.ts';
import type { RunningCallmine } from './support/start-callmine.ts';

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({ callsPerTenant: 300 }));
});

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

test('a report filtered by a rep and by lost deals pages its evidence and exports CSV; it sorts', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(callmine.url);
  await createOwner(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  const opened = openDatabase(join(callmine.dataDir, 'callmine.db'));
  let seeded: Awaited<ReturnType<typeof seedReport>>;
  try {
    seeded = await seedReport({ database: opened }, sandbox, {
      name: 'Pipeline review',
      calls: 300,
      settings: { trackers: SEED_TRACKERS, evidenceLimit: 200, topN: 20 },
    });
  } finally {
    await opened.close();
  }
  await page.goto(new URL(`/reports/${seeded.id}`, callmine.url).href);
  await expect(page.getByRole('heading', { level: 1, name: 'Pipeline review' })).toBeVisible();

  // Charts fill the card's width at 1280 px.
  const chart = page.getByRole('figure', { name: /^Trackers per week/ });
  const canvas = chart.locator('.chart-canvas');
  const svg = chart.locator('svg.svg-chart');
  await expect(svg).toBeVisible();
  const [canvasWidth, svgWidth] = [(await canvas.boundingBox())!.width, (await svg.boundingBox())!.width];
  expect(svgWidth).toBeGreaterThan(canvasWidth * 0.95);

  // Filter by a rep, then by lost deals: the selects write the URL, and the numbers follow.
  // The rep with the most Pricing sentences kept from lost deals, so that evidence runs to more than one page.
  const pricing = seeded.result.trackers!.find((t) => t.name === 'Pricing')!;
  const callOf = new Map(seeded.calls.map((c) => [c.id, c]));
  const isLost = (id: string) => callOf.get(id)?.deal?.opportunity?.outcome === 'lost';
  const perRep = new Map<string, number>();
  for (const e of pricing.evidence.filter((e) => isLost(e.callId))) {
    const id = callOf.get(e.callId)!.repId;
    perRep.set(id, (perRep.get(id) ?? 0) + 1);
  }
  const [rep, lostSentences] = [...perRep].sort((a, b) => b[1] - a[1])[0]!;
  expect(lostSentences).toBeGreaterThan(10);
  const repName = seeded.reps[rep]!;
  const repCalls = seeded.calls.filter((c) => c.repId === rep);
  const filters = page.getByRole('form', { name: 'Filters' });
  await filters.getByLabel('Rep').selectOption(rep);
  await expect(filters.getByText(`${repCalls.length} of 300 calls match.`)).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(new RegExp(`[?&]rep=${rep}`));
  await filters.getByLabel('Outcome').selectOption('lost');
  const lostCalls = repCalls.filter((c) => isLost(c.id));
  await expect(filters.getByText(`${lostCalls.length} of 300 calls match.`)).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/[?&]outcome=lost/);
  // The shared link opens the same filtered view.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Filters' }).getByLabel('Rep')).toHaveValue(rep);
  await expect(page.getByRole('form', { name: 'Filters' }).getByLabel('Outcome')).toHaveValue('lost');
  await expect(
    page.getByText(`Calls 1–${Math.min(20, lostCalls.length)} of ${lostCalls.length}.`),
  ).toBeVisible({
    timeout: 15_000,
  });

  // Page the Pricing evidence: every sentence is from this rep's lost deals, with the call's date and title.
  const lostUrls = new Set(lostCalls.map((c) => c.url));
  await page.getByRole('button', { name: 'Show evidence for Pricing' }).click();
  const list = page.getByRole('list', { name: 'Evidence for Pricing' });
  await expect(
    page.getByText(`Sentences 1–10 of ${lostSentences} kept in the report, newest call first.`),
  ).toBeVisible({
    timeout: 15_000,
  });
  const firstPage = await list.getByRole('listitem').allTextContents();
  expect(firstPage).toHaveLength(10);
  for (const text of firstPage) expect(text).toContain(`${repName}’s call`);
  const links = list.getByRole('link', { name: 'Open the call in Gong' });
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    expect(lostUrls.has(href!)).toBe(true);
  await page.getByRole('button', { name: 'Next sentences' }).click();
  await expect(page.getByText(new RegExp(`^Sentences 11–\\d+ of ${lostSentences} kept`))).toBeVisible({
    timeout: 15_000,
  });
  const secondPage = await list.getByRole('listitem').allTextContents();
  expect(secondPage.some((text) => firstPage.includes(text))).toBe(false);
  for (const text of secondPage) expect(text).toContain(`${repName}’s call`);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
    expect(lostUrls.has(href!)).toBe(true);

  // Export the trackers under the filter: each tracker's row holds this rep's lost-deal calls' numbers.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export trackers as CSV' }).click();
  const file = await download;
  const csv = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '').split('\r\n');
  expect(csv[0]).toContain('Mentions (in view)');
  for (const tracker of seeded.result.trackers!) {
    const row = csv.find((l) => l.startsWith(`${tracker.name},(all phrases),`))?.split(',');
    const mentions = lostCalls.reduce((sum, c) => sum + (tracker.byCall[c.id] ?? 0), 0);
    const mentioning = lostCalls.filter((c) => (tracker.byCall[c.id] ?? 0) > 0).length;
    expect([row?.[2], row?.[6]]).toEqual([String(mentions), String(mentioning)]);
  }
  expect(lostCalls.reduce((sum, c) => sum + (pricing.byCall[c.id] ?? 0), 0)).toBeLessThan(pricing.mentions);

  // Clear the filters, then sort the talk table by calls, ascending.
  const talk = page.getByRole('table', { name: 'Talk metrics per rep' });
  await page.getByRole('form', { name: 'Filters' }).getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByText('Calls 1–20 of 300.')).toBeVisible({ timeout: 15_000 });
  const callsHeader = talk.getByRole('columnheader', { name: /^Calls/ });
  await callsHeader.getByRole('button').click();
  await expect(callsHeader).toHaveAttribute('aria-sort', 'ascending');
});

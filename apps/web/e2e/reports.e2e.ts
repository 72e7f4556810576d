// Analyses and reports end to end, with `npm start` running the worker: define an analysis from a starter template,
// run it, watch the run finish, open its report, drill into a tracker and export the tracker table as CSV.
import { readFile } from 'node:fs/promises';
import { COMPETITORS, type GongSandbox } from '@callmine/gong-sandbox';
import { expect, test } from '@playwright/test';
import { ownerWithGongConnected } from './support/first-steps.ts';
import { startSandboxedCallmine, stopSandboxedCallmine } from './support/sandboxed-callmine.ts';
import type { RunningCallmine } from './support/start-callmine.ts';

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({
    callsPerTenant: 120,
    callsUntil: '2026-06-01T00:00:00Z',
  }));
});

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

test('an analysis runs into a report that drills down to evidence and exports CSV', async ({ page }) => {
  test.setTimeout(180_000);
  // The charts must draw under the server's strict CSP (no inline styles or scripts): any violation fails the test.
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await ownerWithGongConnected(page, { sandbox, callmine });

  // Define the analysis with the keyboard-reachable editor.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Analyses' }).click();
  await page.getByRole('link', { name: 'New analysis' }).click();
  const form = page.getByRole('form', { name: 'New analysis' });
  await form.getByLabel('Name').fill('Competitor watch');
  await form.getByRole('radio', { name: 'A fixed range of days' }).check();
  await form.getByLabel('First day').fill('2025-12-01');
  await form.getByLabel('Last day').fill('2026-05-31');
  await form.getByLabel('Starter template').selectOption('Competitors');
  await form.getByRole('button', { name: 'Add from template' }).click();
  await expect(form.getByRole('group', { name: 'Tracker 1' }).getByLabel('Tracker name')).toHaveValue(
    'Competitors',
  );
  await form.getByRole('button', { name: 'Save analysis' }).click();

  // Run it and watch the run finish.
  await page.getByRole('button', { name: 'Run Competitor watch now' }).click();
  // Named by its analysis; the Runs page opens at it.
  const run = page.getByRole('listitem', { name: 'Competitor watch · 2025-12-01 to 2026-05-31' });
  await expect(run).toHaveAttribute('aria-current', 'true');
  await expect(run.getByRole('progressbar')).toBeVisible();
  await expect(run.getByText('Done')).toBeVisible({ timeout: 90_000 });
  await run.getByRole('link', { name: 'Open the report' }).click();

  // The report: header, tiles, charts, and the evidence behind the Competitors count.
  // The report has the run's one name.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Competitor watch · 2025-12-01 to 2026-05-31' }),
  ).toBeVisible();
  await expect(page.getByRole('list', { name: 'Summary' }).getByText('Calls analysed')).toBeVisible();
  await expect(
    page
      .getByRole('figure', { name: /^Trackers per week/ })
      .locator('svg')
      .first(),
  ).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Talk ratio by rep' }).locator('svg').first()).toBeVisible();
  // Every rep is named on the by-rep charts, one label a bar.
  const talkFigure = page.getByRole('figure', { name: 'Talk ratio by rep' });
  const talkLabels = await talkFigure.locator('.chart-bar-label').allTextContents();
  expect(talkLabels.length).toBeGreaterThan(5);
  expect(talkLabels.length).toBe(await talkFigure.locator('.chart-bar').count());
  const repLabels = await page
    .getByRole('figure', { name: /^Each rep against the team/ })
    .locator('.chart-bar-label')
    .allTextContents();
  expect(repLabels.length).toBeGreaterThan(5);
  expect(new Set(repLabels).size).toBe(repLabels.length);
  expect(repLabels.every((label) => label.trim().length > 0)).toBe(true);

  await page.getByRole('button', { name: 'Show evidence for Competitors' }).click();
  const evidence = page.getByRole('list', { name: 'Evidence for Competitors' });
  const first = evidence.getByRole('listitem').first();
  await expect(first.locator('blockquote')).toContainText(new RegExp(COMPETITORS.join('|'), 'i'));
  await expect(first.getByRole('link', { name: 'Open the call in Gong' })).toHaveAttribute(
    'href',
    /^https?:\/\//,
  );

  // The CSV holds the same Competitors total the table shows.
  const tracker = page.getByRole('table', { name: 'Trackers with their phrases' });
  const firstCell = await tracker
    .getByRole('row', { name: /^Competitors/ })
    .getByRole('cell')
    .first()
    .textContent();
  const mentions = (firstCell ?? '').replaceAll(',', '');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export trackers as CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('competitor-watch-2025-12-01-to-2026-05-31-trackers.csv');
  const csv = (await readFile((await file.path())!, 'utf8')).replace(/^\uFEFF/, '');
  const lines = csv.split('\r\n');
  expect(lines[0]).toBe(
    'Tracker,Phrase,Mentions,By your team,By customers,By unknown speakers,Calls mentioning,Share of calls',
  );
  expect(lines.find((line) => line.startsWith('Competitors,(all phrases),'))?.split(',')[2]).toBe(mentions);
  expect(Number(mentions)).toBeGreaterThan(0);
  expect(violations).toEqual([]);

  // On a phone the page keeps the screen's width: the nav wraps, wide charts and tables scroll in their own box.
  const reportUrl = page.url();
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [url, heading] of [
    [reportUrl, 'Competitor watch · 2025-12-01 to 2026-05-31'],
    [new URL('/runs', reportUrl).href, 'Runs'],
    [new URL('/analyses', reportUrl).href, 'Analyses'],
    [new URL('/schedules', reportUrl).href, 'Schedules'],
    [new URL('/settings', reportUrl).href, 'Settings'],
  ] as const) {
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    // The elements sticking out, named so a failure says where to look.
    const sticking = await page.evaluate(() => {
      const clipped = (el: Element) => {
        for (let a = el.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
      };
      return [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(el))
        .slice(0, 8)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`,
        );
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${url} is wider than the phone: ${sticking.join(', ')}`).toBeLessThanOrEqual(0);
  }
});

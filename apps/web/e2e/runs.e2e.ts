// `npm start` runs the worker beside the server: a run started on the Runs page fetches from the Gong sandbox and
// finishes with its totals, watched live in the browser.
import type { GongSandbox } from '@callmine/gong-sandbox';
import { expect, test } from '@playwright/test';
import { ownerWithGongConnected } from './support/first-steps.ts';
import { startSandboxedCallmine, stopSandboxedCallmine } from './support/sandboxed-callmine.ts';
import type { RunningCallmine } from './support/start-callmine.ts';

// The usage test reads what the run test did.
test.describe.configure({ mode: 'serial' });

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({
    callsPerTenant: 200,
    callsUntil: '2026-06-01T00:00:00Z',
  }));
});

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

test('the owner starts a run on the Runs page and watches it finish', async ({ page }) => {
  test.setTimeout(120_000);
  await ownerWithGongConnected(page, { sandbox, callmine });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const form = page.getByRole('form', { name: 'Start a run' });
  await form.getByLabel('First day').fill('2025-12-01');
  await form.getByLabel('Last day').fill('2026-05-31');
  await form.getByRole('button', { name: 'Start run' }).click();

  const run = page.getByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' });
  await expect(run.getByText('Done')).toBeVisible({ timeout: 60_000 });
  await expect(run.getByText(/Analysed 200 calls/)).toBeVisible();
  const transcripts = sandbox.groundTruth('acme').transcriptCount;
  await expect(run.getByRole('definition').nth(1)).toHaveText(String(transcripts));
});

test('the run’s calls show as this month’s usage in Settings → Usage', async ({ page }) => {
  await page.goto(`${callmine.url}/sign-in`);
  await page.getByLabel('Email').fill('olivia@example.com');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const usage = page.getByRole('region', { name: 'Usage' });
  await expect(usage.getByRole('progressbar')).toHaveAttribute('value', '200');
  await expect(usage).toContainText('200 of 1,000 · 800 left');
  await usage.getByRole('link', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' }).click();
  await expect(page.getByRole('listitem', { name: 'Ad-hoc run · 2025-12-01 to 2026-05-31' })).toBeVisible();
});

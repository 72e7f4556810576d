// `npm start` runs the worker beside the server: a run started on the Runs page fetches from the Gong sandbox and
// finishes with its totals, watched live in the browser.
import { type GongSandbox, startGongSandbox } from '@callmine/gong-sandbox';
import { expect, test } from '@playwright/test';
import { type RunningCallmine, removeDataDir, startCallmine } from './support/start-callmine.ts';

// The usage test reads what the run test did.
test.describe.configure({ mode: 'serial' });

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  sandbox = await startGongSandbox({ callsPerTenant: 200, callsUntil: '2026-06-01T00:00:00Z' });
  callmine = await startCallmine({
    CALLMINE_GONG_DEFAULT_BASE_URL: sandbox.clusters.standard!.origin,
    CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(sandbox.clusters)
      .map((c) => c.origin)
      .join(','),
  });
});

test.afterAll(async () => {
  await callmine?.stop();
  if (callmine) removeDataDir(callmine.dataDir);
  await sandbox?.close();
});

test('the owner starts a run on the Runs page and watches it finish', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(callmine.url);
  await page.getByLabel('Your name').fill('Olivia Owner');
  await page.getByLabel('Email').fill('olivia@example.com');
  await page.getByLabel('Password').fill('a long enough password');
  await page.getByLabel('Workspace name').fill('Acme');
  await page.getByRole('button', { name: 'Create owner account' }).click();

  const acme = sandbox.tenant('acme').credentials.find((c) => c.label === 'primary')!;
  const card = page.getByRole('article', { name: 'Gong' });
  await card.getByRole('button', { name: 'Connect with basic-auth' }).click();
  await card.getByLabel('Access key').fill(acme.accessKey);
  await card.getByLabel('Secret key').fill(acme.secretKey);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const form = page.getByRole('form', { name: 'Start a run' });
  await form.getByLabel('First day').fill('2025-12-01');
  await form.getByLabel('Last day').fill('2026-05-31');
  await form.getByRole('button', { name: 'Start run' }).click();

  const run = page.getByRole('listitem', { name: 'Run of 2025-12-01 to 2026-05-31' });
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
  await usage.getByRole('link', { name: 'Run of 2025-12-01 to 2026-05-31' }).click();
  await expect(page.getByRole('listitem', { name: 'Run of 2025-12-01 to 2026-05-31' })).toBeVisible();
});

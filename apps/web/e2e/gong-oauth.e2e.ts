import { type GongSandbox, startGongSandbox } from '@callmine/gong-sandbox';
import { expect, test } from '@playwright/test';
import { type RunningCallmine, removeDataDir, startCallmine } from './support/start-callmine.ts';

const owner = { name: 'Olivia Owner', email: 'olivia@example.com', password: 'a long enough password' };

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  sandbox = await startGongSandbox({ callsPerTenant: 10 });
  callmine = await startCallmine({
    CALLMINE_GONG_DEFAULT_BASE_URL: sandbox.clusters.standard!.origin,
    CALLMINE_GONG_ALLOWED_ORIGINS: Object.values(sandbox.clusters)
      .map((c) => c.origin)
      .join(','),
    CALLMINE_GONG_OAUTH_CLIENT_ID: sandbox.oauth.demoClient.clientId,
    CALLMINE_GONG_OAUTH_CLIENT_SECRET: sandbox.oauth.demoClient.clientSecret,
    CALLMINE_GONG_OAUTH_AUTHORIZE_URL: `${sandbox.appOrigin}/oauth2/authorize`,
    CALLMINE_GONG_OAUTH_TOKEN_URL: `${sandbox.appOrigin}/oauth2/generate-customer-token`,
  });
});

test.afterAll(async () => {
  await callmine?.stop();
  if (callmine) removeDataDir(callmine.dataDir);
  await sandbox?.close();
});

test('connect Gong with OAuth on the sandbox’s consent page: deny, tampered state, approve', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(callmine.url);
  await page.getByLabel('Your name').fill(owner.name);
  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByLabel('Workspace name').fill('Acme');
  await page.getByRole('button', { name: 'Create owner account' }).click();

  const card = page.getByRole('article', { name: 'Gong' });
  await expect(card.getByText('Disconnected')).toBeVisible();

  // Deny on Gong's page → back on the card with a plain sentence, still Disconnected.
  await card.getByRole('button', { name: 'Connect with OAuth' }).click();
  await expect(page.getByRole('heading', { name: /wants to access your Gong data/ })).toBeVisible();
  await expect(page.getByText('api:calls:read:transcript')).toBeVisible();
  await page.getByRole('button', { name: 'Deny' }).click();
  await expect(page).toHaveURL(`${callmine.url}/settings`);
  await expect(card.getByRole('alert')).toContainText('access was denied on Gong’s page');
  await expect(card.getByText('Disconnected')).toBeVisible();

  // A tampered state is refused and nothing is stored.
  await card.getByRole('button', { name: 'Connect with OAuth' }).click();
  await expect(page.getByRole('button', { name: 'Approve' })).toBeVisible();
  const stateField = page.locator('input[name="state"]');
  await stateField.evaluate((input: HTMLInputElement) => {
    input.value = `${input.value}tampered`;
  });
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(card.getByRole('alert')).toContainText(
    'expired, already used, or started in another browser session',
  );
  await expect(card.getByText('Disconnected')).toBeVisible();

  // Approve for the regional company → Connected · OAuth with its base URL; tokens never reach the browser.
  await card.getByRole('button', { name: 'Connect with OAuth' }).click();
  await page.getByLabel('Company').selectOption('globex');
  await page.getByRole('button', { name: 'Approve' }).click();
  await expect(page).toHaveURL(`${callmine.url}/settings`);
  await expect(card.getByText('Connected · OAuth')).toBeVisible();
  await expect(card.getByText('Gong is connected with OAuth.')).toBeVisible();
  await expect(card.getByText(sandbox.clusters['us-44392']!.origin)).toBeVisible();
  await expect(card.getByText('Access token expires')).toBeVisible();

  const storage = await page.evaluate(() =>
    [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie].join('\n'),
  );
  expect(storage).not.toMatch(/access|refresh/i);

  // Reload: still connected, and the result sentence is not repeated.
  await page.reload();
  await expect(card.getByText('Connected · OAuth')).toBeVisible();
  await expect(card.getByText('Gong is connected with OAuth.')).toHaveCount(0);
});

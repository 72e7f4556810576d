import type { GongSandbox } from '@callmine/gong-sandbox';
import { expect, test } from '@playwright/test';
import { createOwner } from './support/first-steps.ts';
import { startSandboxedCallmine, stopSandboxedCallmine } from './support/sandboxed-callmine.ts';
import type { RunningCallmine } from './support/start-callmine.ts';

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({ callsPerTenant: 10 }, (started) => ({
    CALLMINE_GONG_OAUTH_CLIENT_ID: started.oauth.demoClient.clientId,
    CALLMINE_GONG_OAUTH_CLIENT_SECRET: started.oauth.demoClient.clientSecret,
    CALLMINE_GONG_OAUTH_AUTHORIZE_URL: `${started.appOrigin}/oauth2/authorize`,
    CALLMINE_GONG_OAUTH_TOKEN_URL: `${started.appOrigin}/oauth2/generate-customer-token`,
  })));
});

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

test('connect Gong with OAuth on the sandbox’s consent page: deny, tampered state, approve', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(callmine.url);
  await createOwner(page);

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

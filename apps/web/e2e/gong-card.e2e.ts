import type { GongSandbox } from '@callmine/gong-sandbox';
import { expect, type Page, test } from '@playwright/test';
import { createOwner, OWNER, primaryCredential } from './support/first-steps.ts';
import {
  sandboxGongEnv,
  startSandboxedCallmine,
  stopSandboxedCallmine,
} from './support/sandboxed-callmine.ts';
import { type RunningCallmine, startCallmine } from './support/start-callmine.ts';

let sandbox: GongSandbox;
let callmine: RunningCallmine;
let gongEnv: Record<string, string>;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({ callsPerTenant: 10 }));
  gongEnv = sandboxGongEnv(sandbox);
});

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

async function browserStorage(page: Page) {
  return page.evaluate(async () => {
    const dump = (s: Storage) => Object.entries({ ...s }).join('\n');
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return [dump(localStorage), dump(sessionStorage), document.cookie, JSON.stringify(databases)].join('\n');
  });
}

test('connect Gong with basic-auth, survive reload and restart, confirm a change of company, disconnect; members read-only', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const standard = sandbox.tenants.find((t) => t.cluster === 'standard')!;
  const regional = sandbox.tenants.find((t) => t.cluster !== 'standard')!;
  const first = primaryCredential(standard);
  const second = primaryCredential(regional);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(callmine.url);
  await createOwner(page);

  const card = page.getByRole('article', { name: 'Gong' });
  await expect(card.getByText('Disconnected', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Connect with basic-auth' }).click();
  // Keyboard only: type into the fields and submit with Enter.
  await card.getByLabel('Access key').fill(first.accessKey);
  await page.keyboard.press('Tab');
  await page.keyboard.type(first.secretKey);
  await page.keyboard.press('Enter');
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await expect(card.getByText(`••••${first.accessKey.slice(-4)}`, { exact: true })).toBeVisible();
  await expect(card.getByText('Gong standard endpoints')).toBeVisible();

  await page.reload();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();

  await callmine.stop();
  callmine = await startCallmine(gongEnv, callmine.dataDir);
  await page.goto(`${callmine.url}/settings`);
  if (await page.getByRole('heading', { name: 'Sign in to Callmine' }).isVisible()) {
    await page.getByLabel('Email').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();

  await card.getByRole('button', { name: 'Replace key' }).click();
  await card.getByLabel('Access key').fill(second.accessKey);
  await card.getByLabel('Secret key').fill('not-the-right-secret');
  await card.getByLabel('Base URL (optional)').fill(regional.baseUrl);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByRole('alert')).toContainText('did not accept');
  await card.getByLabel('Secret key').fill(second.secretKey);
  await card.getByRole('button', { name: 'Save' }).click();
  // Globex is another Gong company than Acme: nothing is saved until the admin confirms, in words.
  const change = card.getByRole('alertdialog', { name: 'Connect a different Gong company?' });
  await expect(change).toContainText('different Gong company (Globex Sales, Globex Customer Success)');
  await expect(change).toContainText('Reports made so far keep the calls they were made from.');
  await change.getByRole('button', { name: 'Keep the current company' }).click();
  await expect(change).toBeHidden();
  await card.getByLabel('Secret key').fill(second.secretKey);
  await card.getByRole('button', { name: 'Save' }).click();
  await change.getByRole('button', { name: 'Yes, connect the other company' }).click();
  await expect(card.getByText(regional.baseUrl)).toBeVisible();
  await expect(card.getByText(`••••${second.accessKey.slice(-4)}`, { exact: true })).toBeVisible();
  await expect(card.getByTestId('gong-company')).toHaveText(
    'Workspaces Globex Sales, Globex Customer Success',
  );
  await expect(card.getByTestId('gong-budget')).toContainText('Gong requests today:');

  // A member sees the status but no actions.
  await card.getByText('Recent changes').click();
  await expect(
    card.getByText(
      'Changed the Gong company from Acme Sales, Acme Customer Success to Globex Sales, Globex Customer Success',
    ),
  ).toBeVisible();
  await expect(
    card.getByText(/Held a basic-auth connection to a different Gong company/).first(),
  ).toBeVisible();
  const inviteForm = page.getByRole('form', { name: 'Invite a member' });
  await inviteForm.getByLabel('Email').fill('max@example.com');
  await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await inviteForm.getByLabel('Invitation link').inputValue();
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(link);
  await memberPage.getByLabel('Your name').fill('Max Member');
  await memberPage.getByLabel('Choose a password').fill('max has a long password');
  await memberPage.getByRole('button', { name: 'Join workspace' }).click();
  await memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const memberCard = memberPage.getByRole('article', { name: 'Gong' });
  await expect(memberCard.getByText('Connected', { exact: true })).toBeVisible();
  await expect(memberCard.getByRole('button')).toHaveCount(0);
  await expect(memberCard.getByTestId('gong-budget')).toHaveText('Runs can fetch calls from Gong today.');

  await card.getByRole('button', { name: 'Disconnect' }).click();
  await card.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(card.getByText('Disconnected', { exact: true })).toBeVisible();

  // The secrets never reached the browser: not in storage, cookies or the page.
  for (const p of [page, memberPage]) {
    const stored = await browserStorage(p);
    const html = await p.content();
    for (const secret of [first.secretKey, second.secretKey]) {
      expect(stored).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
  }
  await memberContext.close();
  await context.close();
});

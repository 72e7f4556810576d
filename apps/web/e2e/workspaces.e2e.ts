// Many workspaces in one Callmine, in Chromium: the operator creates a workspace, its first admin accepts the link
// and connects Gong; a person in two workspaces switches and sees each one's own Gong card and reports; a suspended
// workspace can't sign in; open sign-up creates a workspace.
import type { GongSandbox } from '@callmine/gong-sandbox';
import { expect, type Page, test } from '@playwright/test';
import { connectGongWithBasicAuth, createOwner, OWNER, primaryCredential } from './support/first-steps.ts';
import { startSandboxedCallmine, stopSandboxedCallmine } from './support/sandboxed-callmine.ts';
import { type RunningCallmine, startCallmine, stopCallmine } from './support/start-callmine.ts';

const BEA = { name: 'Bea Buyer', email: 'bea@globex.example', password: 'bea long password' };

let sandbox: GongSandbox;
let callmine: RunningCallmine;

test.afterAll(() => stopSandboxedCallmine({ sandbox, callmine }));

/** A link of the header's main navigation (pages link to Settings in their text too). */
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('operator creates a workspace; its admin joins and connects Gong; two workspaces switch; suspension locks out', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  ({ sandbox, callmine } = await startSandboxedCallmine({
    callsPerTenant: 10,
    callsUntil: '2026-06-01T00:00:00Z',
  }));
  const acme = sandbox.tenant('acme');
  const globex = sandbox.tenant('globex');

  // The operator sets up Callmine and connects Acme's Gong.
  const olivia = await (await browser.newContext()).newPage();
  await olivia.goto(callmine.url);
  await createOwner(olivia);
  await connectGongWithBasicAuth(olivia, primaryCredential(acme));

  // … creates a workspace for another company and copies its first admin's link.
  await nav(olivia, 'Operator').click();
  const form = olivia.getByRole('form', { name: 'New workspace' });
  await form.getByLabel('Workspace name').fill('Acme');
  await form.getByLabel('First admin’s email').fill(BEA.email);
  await form.getByRole('button', { name: 'Create workspace' }).click();
  await expect(form.getByText(/already exists/)).toBeVisible();
  await form.getByLabel('Workspace name').fill('Globex Buyer');
  await form.getByRole('button', { name: 'Create workspace' }).click();
  const link = await form.getByLabel('Invitation link').inputValue();
  await expect(olivia.getByRole('row', { name: /Globex Buyer/ })).toContainText('Not connected');

  // The first admin accepts and connects Globex's Gong (its own cluster).
  const bea = await (await browser.newContext()).newPage();
  await bea.goto(link);
  await bea.getByLabel('Your name').fill(BEA.name);
  await bea.getByLabel('Choose a password').fill(BEA.password);
  await bea.getByRole('button', { name: 'Join workspace' }).click();
  await nav(bea, 'Settings').click();
  const card = bea.getByRole('article', { name: 'Gong' });
  await card.getByRole('button', { name: 'Connect with basic-auth' }).click();
  const key = primaryCredential(globex);
  await card.getByLabel('Access key').fill(key.accessKey);
  await card.getByLabel('Secret key').fill(key.secretKey);
  await card.getByLabel('Base URL (optional)').fill(globex.baseUrl);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();

  // Bea invites the operator's existing account: it joins with its password, no second account.
  const invite = bea.getByRole('form', { name: 'Invite a member' });
  await invite.getByLabel('Email').fill(OWNER.email);
  await invite.getByRole('button', { name: 'Create invitation link' }).click();
  const memberLink = await invite.getByLabel('Invitation link').inputValue();
  await olivia.goto(memberLink);
  await olivia.getByLabel('Your password').fill(OWNER.password);
  await olivia.getByRole('button', { name: 'Join workspace' }).click();

  // Olivia is in two workspaces: each shows its own Gong connection.
  const switcher = olivia.getByRole('combobox', { name: 'Workspace' });
  await expect(switcher).toHaveValue(/.+/);
  await nav(olivia, 'Settings').click();
  const oliviaCard = olivia.getByRole('article', { name: 'Gong' });
  await expect(oliviaCard).toContainText(globex.baseUrl);
  await switcher.selectOption({ label: 'Acme (owner)' });
  await nav(olivia, 'Settings').click();
  await expect(oliviaCard).toContainText('Gong standard endpoints');
  await expect(oliviaCard).not.toContainText(globex.baseUrl);
  await switcher.selectOption({ label: 'Globex Buyer (member)' });
  await nav(olivia, 'Settings').click();
  await expect(oliviaCard).toContainText(globex.baseUrl);

  // Reports are per workspace too (the worker runs beside the server): each Reports page lists only its own,
  // and the other workspace's report link answers that it does not exist here.
  const runAndOpenReport = async (to: string) => {
    const name = `Ad-hoc run · 2025-12-01 to ${to}`;
    await nav(olivia, 'Runs').click();
    const start = olivia.getByRole('form', { name: 'Start a run' });
    await start.getByLabel('First day').fill('2025-12-01');
    await start.getByLabel('Last day').fill(to);
    await start.getByRole('button', { name: 'Start run' }).click();
    const run = olivia.getByRole('listitem', { name });
    await expect(run.getByText('Done')).toBeVisible({ timeout: 90_000 });
    await run.getByRole('link', { name: 'Open the report' }).click();
    await expect(olivia.getByRole('heading', { level: 1, name })).toBeVisible();
    return { name, url: olivia.url() };
  };
  const notHere = async (url: string) => {
    await olivia.goto(url);
    await expect(olivia.getByRole('alert')).toContainText('does not exist in this workspace');
  };
  const reportLinks = olivia.getByRole('table').getByRole('link');
  const globexReport = await runAndOpenReport('2026-05-31');
  await switcher.selectOption({ label: 'Acme (owner)' });
  await nav(olivia, 'Reports').click();
  await expect(olivia.getByText('No reports yet.')).toBeVisible();
  await notHere(globexReport.url);
  const acmeReport = await runAndOpenReport('2026-05-30');
  await nav(olivia, 'Reports').click();
  await expect(reportLinks).toHaveText([acmeReport.name]);
  await switcher.selectOption({ label: 'Globex Buyer (member)' });
  await nav(olivia, 'Reports').click();
  await expect(reportLinks).toHaveText([globexReport.name]);
  await notHere(acmeReport.url);

  // The operator suspends Globex Buyer: Bea can't sign in to it any more.
  await nav(olivia, 'Operator').click();
  const row = olivia.getByRole('row', { name: /Globex Buyer/ });
  await row.getByRole('button', { name: 'Suspend' }).click();
  await expect(row.getByRole('button', { name: 'Resume' })).toBeVisible();
  const again = await (await browser.newContext()).newPage();
  await again.goto(`${callmine.url}/sign-in`);
  await signIn(again, BEA.email, BEA.password);
  await expect(again.getByRole('alert')).toContainText('suspended');
});

test('open sign-up creates a workspace its creator owns', async ({ browser }) => {
  test.setTimeout(180_000);
  const open = await startCallmine({ CALLMINE_SIGNUP: 'open' });
  try {
    const operator = await (await browser.newContext()).newPage();
    await operator.goto(open.url);
    await createOwner(operator, 'Host Co');
    await expect(operator.getByRole('heading', { name: 'Settings' })).toBeVisible();

    const page = await (await browser.newContext()).newPage();
    await page.goto(`${open.url}/sign-in`);
    await page.getByRole('link', { name: 'Create an account and a workspace' }).click();
    await page.getByLabel('Your name').fill('Sam Starter');
    await page.getByLabel('Email').fill('sam@starter.example');
    await page.getByLabel('Password').fill('sam long password');
    await page.getByLabel('Workspace name').fill('Starter Inc');
    await page.getByRole('button', { name: 'Create account and workspace' }).click();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Sam Starter · Starter Inc · owner');
    await expect(page.getByRole('link', { name: 'Operator' })).toHaveCount(0);
  } finally {
    await stopCallmine(open);
  }
});

import { expect, test } from '@playwright/test';
import { createOwner, OWNER } from './support/first-steps.ts';
import { type RunningCallmine, startCallmine, stopCallmine } from './support/start-callmine.ts';

const owner = { ...OWNER, workspace: 'Acme Sales' };
const member = { name: 'Max Member', email: 'max@example.com', password: 'max has a long password' };

let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  callmine = await startCallmine();
});

test.afterAll(() => stopCallmine(callmine));

test('a fresh Callmine: owner setup, sign out and in, invite a member who joins and sees Settings read-only', async ({
  browser,
}) => {
  const ownerContext = await browser.newContext();
  const page = await ownerContext.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });

  await page.goto(callmine.url);
  await expect(page.getByRole('heading', { name: 'Create the owner account' })).toBeVisible();
  await createOwner(page, owner.workspace);
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page).toHaveURL(/\/settings$/);

  // The session cookie is HttpOnly: page scripts can't read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain('session_token');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Callmine' })).toBeVisible();
  await page.goto(`${callmine.url}/setup`);
  await expect(page.getByRole('heading', { name: 'Sign in to Callmine' })).toBeVisible();

  await page.getByLabel('Email').fill(owner.email);
  await page.getByLabel('Password').fill(owner.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Reports' })).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const inviteForm = page.getByRole('form', { name: 'Invite a member' });
  await inviteForm.getByLabel('Email').fill(member.email);
  await inviteForm.getByRole('button', { name: 'Create invitation link' }).click();
  const link = await inviteForm.getByLabel('Invitation link').inputValue();
  expect(link).toContain(`${callmine.url}/invite/`);

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await memberPage.goto(link);
  await expect(memberPage.getByRole('heading', { name: `Join ${owner.workspace}` })).toBeVisible();
  await expect(memberPage.getByText(member.email)).toBeVisible();
  await memberPage.getByLabel('Your name').fill(member.name);
  await memberPage.getByLabel('Choose a password').fill(member.password);
  await memberPage.getByRole('button', { name: 'Join workspace' }).click();
  await expect(memberPage.getByRole('heading', { name: 'Reports' })).toBeVisible();

  await memberPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(
    memberPage.getByText('You can view these settings; a workspace admin can change them.'),
  ).toBeVisible();
  await expect(memberPage.getByRole('cell', { name: owner.email })).toBeVisible();
  await expect(memberPage.getByRole('cell', { name: member.email })).toBeVisible();
  await expect(memberPage.getByRole('form', { name: 'Invite a member' })).toHaveCount(0);
  await expect(memberPage.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expect(memberPage.getByRole('combobox')).toHaveCount(0);

  // The owner sees the new member appear.
  await page.reload();
  await expect(page.getByRole('cell', { name: member.email })).toBeVisible();
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);

  await memberContext.close();
  await ownerContext.close();
});

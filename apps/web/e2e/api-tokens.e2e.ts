import { expect, test } from '@playwright/test';
import { createOwner } from './support/first-steps.ts';
import { type RunningCallmine, startCallmine, stopCallmine } from './support/start-callmine.ts';

let callmine: RunningCallmine;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  callmine = await startCallmine();
});

test.afterAll(() => stopCallmine(callmine));

/** What a developer's script sends: only the Bearer header. */
async function workspaceWith(token: string) {
  const response = await fetch(`${callmine.url}/trpc/workspace.get`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    body: (await response.json()) as { result?: { data: { name: string } } },
  };
}

test('an admin creates an API token, a script uses it, the reference renders, and revoking stops it', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(callmine.url);
  await createOwner(page, 'Acme Sales');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Token name').fill('Warehouse sync');
  await form.getByRole('button', { name: 'Create token' }).click();
  const shown = form.getByLabel('New API token');
  await expect(shown).toHaveValue(/^cm_/);
  const token = await shown.inputValue();

  const used = await workspaceWith(token);
  expect(used.status).toBe(200);
  expect(used.body.result?.data.name).toBe('Acme Sales');
  // The token lives only in the page's memory: nothing in browser storage.
  const stored = await page.evaluate(
    () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(stored).not.toContain(token);

  await page.goto(`${callmine.url}/docs/api`);
  await expect(page.getByRole('heading', { name: 'Callmine API reference' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Calling the API' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'apiTokens.create' })).toBeVisible();
  // Schemas are folded away until opened, so the page stays navigable.
  const runsStart = page.locator('section[id="runs.start"]');
  const inputSchema = runsStart.locator('details', { hasText: 'Input (JSON Schema)' }).locator('pre');
  await expect(inputSchema).toBeHidden();
  await page
    .getByRole('navigation', { name: 'Contents' })
    .getByRole('link', { name: 'start', exact: true })
    .click();
  await runsStart.getByText('Input (JSON Schema)').click();
  await expect(inputSchema).toBeVisible();
  await expect(inputSchema).toContainText('"from"');
  await expect(runsStart.getByText('API tokens: member, admin (not read-only)')).toBeVisible();
  // The static stylesheet applied under the CSP (no inline style was needed).
  const fontFamily = await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily);
  expect(fontFamily).toContain('system-ui');

  await page.goto(`${callmine.url}/settings`);
  const table = page.getByRole('table', { name: 'API tokens' });
  // The default role is the least a warehouse script needs.
  await expect(table.getByRole('cell', { name: 'Read only' })).toBeVisible();
  await table.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, revoke' }).click();
  await expect(table.getByText('Revoked')).toBeVisible();
  expect((await workspaceWith(token)).status).toBe(401);
  expect(consoleErrors).toEqual([]);
});

// The first steps of most journeys: the owner creates the workspace, then connects Gong with the sandbox's keys.
import type { SandboxCredential, SandboxTenant } from '@callmine/gong-sandbox';
import { expect, type Page } from '@playwright/test';
import type { SandboxedCallmine } from './sandboxed-callmine.ts';

export const OWNER = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
};

/** Fills and submits the setup form the page is showing (a fresh Callmine opens on it). */
export async function createOwner(page: Page, workspace = 'Acme') {
  await page.getByLabel('Your name').fill(OWNER.name);
  await page.getByLabel('Email').fill(OWNER.email);
  await page.getByLabel('Password').fill(OWNER.password);
  await page.getByLabel('Workspace name').fill(workspace);
  await page.getByRole('button', { name: 'Create owner account' }).click();
}

/** The tenant's key pair labelled "primary" (every seeded tenant has one). */
export const primaryCredential = (tenant: SandboxTenant): SandboxCredential =>
  tenant.credentials.find((c) => c.label === 'primary')!;

/** Connects Gong on the Settings page's card with basic-auth and waits until the card says Connected. */
export async function connectGongWithBasicAuth(page: Page, credential: SandboxCredential) {
  const card = page.getByRole('article', { name: 'Gong' });
  await card.getByRole('button', { name: 'Connect with basic-auth' }).click();
  await card.getByLabel('Access key').fill(credential.accessKey);
  await card.getByLabel('Secret key').fill(credential.secretKey);
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
}

/** From a fresh Callmine to its owner signed in with Gong connected to the sandbox's "acme" tenant. */
export async function ownerWithGongConnected(page: Page, { sandbox, callmine }: SandboxedCallmine) {
  await page.goto(callmine.url);
  await createOwner(page);
  await connectGongWithBasicAuth(page, primaryCredential(sandbox.tenant('acme')));
}

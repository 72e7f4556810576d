import type { AppRouter } from '@callmine/api';
import { apiClient, browserLikeFetch, startTestServer, type TestServer } from '@callmine/server/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createTRPCClient, httpLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app.tsx';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};

function script(url: string, token: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}

/** The owner's browser (its cookie jar) on a fresh server; each test starts its own. */
async function ownerBrowserOn(server: TestServer) {
  const browser = browserLikeFetch(server.url);
  await apiClient(server.url, browser).setup.createOwner.mutate(owner);
  return browser;
}

describe('Settings → API tokens', () => {
  it('creates a token shown once, which then works for a script and shows its last use', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    expect(await screen.findByText('No tokens yet.')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    expect(within(form).getByText('Name the token after the script that uses it.')).toBeInTheDocument();

    await user.type(within(form).getByLabelText('Token name'), 'Warehouse sync');
    await user.selectOptions(within(form).getByLabelText('Rights'), 'admin');
    await user.selectOptions(within(form).getByLabelText('Expires'), '');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const shown = (await within(form).findByLabelText('New API token')) as HTMLInputElement;
    expect(shown.value).toMatch(/^cm_/);
    expect(within(form).getByText(/won’t show it again/)).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Copy token' })).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: 'API tokens' });
    const row = within(table).getByText('Warehouse sync').closest('tr') as HTMLElement;
    expect(within(row).getByText('Admin')).toBeInTheDocument();
    expect(within(row).getAllByText('Never')).toHaveLength(2);
    // The list shows a hint, never the token.
    expect(table.textContent).not.toContain(shown.value);

    expect(await script(server.url, shown.value).workspace.get.query()).toMatchObject({ name: 'Acme' });
    const listed = await apiClient(server.url, ownerBrowser).apiTokens.list.query();
    expect(listed[0]?.lastUsedAt).not.toBeNull();
  });

  it('revokes a token after confirming, and the token stops working', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const { token } = await apiClient(server.url, ownerBrowser).apiTokens.create.mutate({
      name: 'Old script',
      role: 'member',
    });
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const table = await screen.findByRole('table', { name: 'API tokens' });
    await user.click(within(table).getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke “Old script”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(await script(server.url, token).workspace.get.query()).toMatchObject({ name: 'Acme' });

    await user.click(within(table).getByRole('button', { name: 'Revoke' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(within(table).getByText('Revoked')).toBeInTheDocument());
    expect(within(table).queryByRole('button', { name: 'Revoke' })).not.toBeInTheDocument();
    await expect(script(server.url, token).workspace.get.query()).rejects.toThrow(/not valid/);
  });

  it('offers a read-only token by default, which reads but cannot start a run', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const form = await screen.findByRole('form', { name: 'Create an API token' });
    const rights = within(form).getByLabelText('Rights') as HTMLSelectElement;
    expect([...rights.options].map((o) => o.text)).toEqual([
      'Read only: queries only — lists, reports, usage; no runs, no changes',
      'Member: read, run analyses, manage analyses and schedules',
      'Admin: member rights, plus renaming the workspace, deleting reports and the Gong audit log',
    ]);
    expect(rights.value).toBe('read');
    await user.type(within(form).getByLabelText('Token name'), 'Warehouse export');
    await user.click(within(form).getByRole('button', { name: 'Create token' }));
    const token = ((await within(form).findByLabelText('New API token')) as HTMLInputElement).value;
    const table = await screen.findByRole('table', { name: 'API tokens' });
    const row = within(table).getByText('Warehouse export').closest('tr') as HTMLElement;
    expect(within(row).getByText('Read only')).toBeInTheDocument();
    expect(within(row).getByText('Olivia Owner')).toBeInTheDocument();

    expect(await script(server.url, token).reports.list.query({ search: '' })).toEqual([]);
    await expect(
      script(server.url, token).runs.start.mutate({ from: '2026-10-01', to: '2026-10-31' }),
    ).rejects.toThrow(/read-only/);
  });

  it('shows what a token does now when its creator is demoted or removed', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const owners = apiClient(server.url, ownerBrowser);
    const invitation = await owners.members.invite.mutate({ email: 'ada@example.com', role: 'admin' });
    const adaBrowser = browserLikeFetch(server.url);
    const ada = apiClient(server.url, adaBrowser);
    await ada.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Ada Admin',
      password: 'ada long password',
    });
    const { token } = await ada.apiTokens.create.mutate({ name: 'Ada’s sync', role: 'admin' });
    const adaMember = (await owners.members.list.query()).find((m) => m.email === 'ada@example.com');
    await owners.members.changeRole.mutate({ memberId: adaMember?.id ?? '', role: 'member' });

    const { unmount } = renderApp(server.url, '/settings', ownerBrowser);
    let table = await screen.findByRole('table', { name: 'API tokens' });
    let row = within(table).getByText('Ada’s sync').closest('tr') as HTMLElement;
    expect(within(row).getByText('Ada Admin')).toBeInTheDocument();
    expect(within(row).getByText('acts as member (creator is now a member)')).toBeInTheDocument();
    // What the list says is what the token gets.
    await expect(script(server.url, token).workspace.rename.mutate({ name: 'Nope' })).rejects.toThrow(
      /Only workspace admins/,
    );
    expect(await script(server.url, token).workspace.get.query()).toMatchObject({ name: 'Acme' });
    unmount();

    await owners.members.remove.mutate({ memberId: adaMember?.id ?? '' });
    renderApp(server.url, '/settings', ownerBrowser);
    table = await screen.findByRole('table', { name: 'API tokens' });
    row = within(table).getByText('Ada’s sync').closest('tr') as HTMLElement;
    expect(within(row).getByText('Inactive: creator removed')).toBeInTheDocument();
    // Still revocable: the token would come back if Ada rejoined.
    expect(within(row).getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    await expect(script(server.url, token).workspace.get.query()).rejects.toThrow(/not valid/);
  });

  it('is not shown to members', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const invitation = await apiClient(server.url, ownerBrowser).members.invite.mutate({
      email: 'mia@example.com',
      role: 'member',
    });
    const memberBrowser = browserLikeFetch(server.url);
    await apiClient(server.url, memberBrowser).invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Mia Member',
      password: 'mia long password',
    });
    renderApp(server.url, '/settings', memberBrowser);
    await screen.findByRole('heading', { name: 'Members' });
    expect(screen.queryByRole('heading', { name: 'API tokens' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Create an API token' })).not.toBeInTheDocument();
  });
});

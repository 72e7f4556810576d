import type { AppRouter } from '@callmine/api';
import { apiClient, browserLikeFetch, startTestServer, type TestServer } from '@callmine/server/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

describe('Settings → API tokens', () => {
  let server: TestServer;
  let ownerBrowser: ReturnType<typeof browserLikeFetch>;
  beforeEach(async () => {
    server = await startTestServer();
    ownerBrowser = browserLikeFetch(server.url);
    await apiClient(server.url, ownerBrowser).setup.createOwner.mutate(owner);
  });
  afterEach(async () => {
    await server.close();
  });

  it('creates a token shown once, which then works for a script and shows its last use', async () => {
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

  it('is not shown to members', async () => {
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

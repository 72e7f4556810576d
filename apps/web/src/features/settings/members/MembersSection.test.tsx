import { apiClient, browserLikeFetch, startTestServer, type TestServer } from '@callmine/server/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app.tsx';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};

/** The owner's browser (its cookie jar) on a fresh server; each test starts its own. */
async function ownerBrowserOn(server: TestServer) {
  const browser = browserLikeFetch(server.url);
  await apiClient(server.url, browser).setup.createOwner.mutate(owner);
  return browser;
}

describe('Settings → Members', () => {
  it('starts with just the owner and no pending invitations', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    renderApp(server.url, '/settings', ownerBrowser);
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText(owner.email)).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Pending invitations' })).not.toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'Invite a member' })).toBeInTheDocument();
  });

  it('rejects an invalid email with the schema message', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const form = await screen.findByRole('form', { name: 'Invite a member' });
    await user.type(within(form).getByLabelText('Email'), 'bob@');
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));
    expect(within(form).getByText(/Enter a valid email address/)).toBeInTheDocument();
    expect(within(form).getByLabelText('Email')).toHaveFocus();
  });

  it('shows the server’s reason when inviting someone already in the workspace', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const form = await screen.findByRole('form', { name: 'Invite a member' });
    await user.type(within(form).getByLabelText('Email'), owner.email);
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(/already a member/i);
  });

  it('creates an invitation link to copy and lists it as pending', async () => {
    await using server = await startTestServer();
    const ownerBrowser = await ownerBrowserOn(server);
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const form = await screen.findByRole('form', { name: 'Invite a member' });
    await user.type(within(form).getByLabelText('Email'), 'max@example.com');
    await user.selectOptions(within(form).getByLabelText('Role'), 'admin');
    await user.click(within(form).getByRole('button', { name: 'Create invitation link' }));
    expect(await within(form).findByText(/Invitation created for max@example.com/)).toBeInTheDocument();
    const link = within(form).getByLabelText('Invitation link');
    expect((link as HTMLInputElement).value).toMatch(new RegExp(`^${server.url}/invite/`));
    expect(await screen.findByRole('heading', { name: 'Pending invitations' })).toBeInTheDocument();
    expect(screen.getByText(/max@example.com · admin/)).toBeInTheDocument();
  });

  it('shows members a read-only view', async () => {
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
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByText('Mia Member')).toBeInTheDocument();
    expect(
      screen.getByText('You can view these settings; a workspace admin can change them.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Invite a member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Workspace name')).not.toBeInTheDocument();
  });
});

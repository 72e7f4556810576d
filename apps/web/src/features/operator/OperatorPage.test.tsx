// The Operator page against a real server: creating a workspace (the shared schema's and the server's field
// errors, then the first admin's link), its row's allowance, suspension and typed-name deletion; a non-operator
// sees no Operator link; a person whose last workspace was deleted lands on "You are in no workspace".
import { apiClient, browserLikeFetch, startTestServer, type TestServer } from '@callmine/server/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

const owner = {
  name: 'Olivia Operator',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};

/** The owner's browser (its cookie jar) on a fresh server; each test starts its own. */
async function ownerBrowser(server: TestServer) {
  const browser = browserLikeFetch(server.url);
  await apiClient(server.url, browser).setup.createOwner.mutate(owner);
  return browser;
}

describe('Operator page', { timeout: 60_000 }, () => {
  it('creates a workspace with field errors first, then runs it as a whole', async () => {
    await using server = await startTestServer();
    const browser = await ownerBrowser(server);
    const user = userEvent.setup();
    renderApp(server.url, '/reports', browser);
    await user.click(await screen.findByRole('link', { name: 'Operator' }));
    const form = await screen.findByRole('form', { name: 'New workspace' });
    await user.click(within(form).getByRole('button', { name: 'Create workspace' }));
    expect(within(form).getByText('Enter a workspace name.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Workspace name'), 'acme');
    await user.type(within(form).getByLabelText('First admin’s email'), 'bea@beta.example');
    await user.click(within(form).getByRole('button', { name: 'Create workspace' }));
    expect(await within(form).findByText(/already exists/)).toBeInTheDocument();
    await user.clear(within(form).getByLabelText('Workspace name'));
    await user.type(within(form).getByLabelText('Workspace name'), 'Beta Corp');
    await user.click(within(form).getByRole('button', { name: 'Create workspace' }));
    const link = (await within(form).findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toMatch(new RegExp(`^${server.url}/invite/`));

    const table = screen.getByRole('table', { name: 'Workspaces' });
    const row = await within(table).findByRole('row', { name: /Beta Corp/ });
    expect(row).toHaveTextContent('Not connected');
    expect(row).toHaveTextContent('0 / 1,000');

    const allowance = within(row).getByRole('form', { name: 'Allowance of Beta Corp' });
    await user.clear(within(allowance).getByLabelText('Calls per month'));
    await user.type(within(allowance).getByLabelText('Calls per month'), '20000000');
    await user.click(within(allowance).getByRole('button', { name: 'Set allowance' }));
    expect(within(allowance).getByText(/from 0 to 10,000,000/)).toBeInTheDocument();
    await user.clear(within(allowance).getByLabelText('Calls per month'));
    await user.type(within(allowance).getByLabelText('Calls per month'), '250');
    await user.click(within(allowance).getByRole('button', { name: 'Set allowance' }));
    expect(await within(row).findByText(/0 \/ 250 in/)).toBeInTheDocument();

    await user.click(within(row).getByRole('button', { name: 'Suspend' }));
    expect(await within(row).findByRole('button', { name: 'Resume' })).toBeInTheDocument();
    expect(row).toHaveTextContent('Suspended');

    await user.click(within(row).getByRole('button', { name: 'Delete…' }));
    const confirm = within(row).getByRole('form', { name: 'Delete Beta Corp' });
    const remove = within(confirm).getByRole('button', { name: 'Delete for good' });
    await user.type(within(confirm).getByRole('textbox'), 'beta corp');
    expect(remove).toBeDisabled();
    await user.clear(within(confirm).getByRole('textbox'));
    await user.type(within(confirm).getByRole('textbox'), 'Beta Corp');
    await user.click(remove);
    await screen.findByText(/workspace-deleted · Beta Corp/);
    expect(within(table).queryByRole('row', { name: /Beta Corp/ })).not.toBeInTheDocument();
  });

  it('shows no Operator link to others, and "You are in no workspace" after the last one is deleted', async () => {
    await using server = await startTestServer();
    const browser = await ownerBrowser(server);
    const operator = apiClient(server.url, browser);
    const created = await operator.operator.createWorkspace.mutate({
      name: 'Beta Corp',
      adminEmail: 'bea@beta.example',
    });
    const beaBrowser = browserLikeFetch(server.url);
    await apiClient(server.url, beaBrowser).invitations.accept.mutate({
      invitationId: created.invitation.id,
      name: 'Bea',
      password: 'bea long password',
    });
    const view = renderApp(server.url, '/reports', beaBrowser);
    expect(await within(await screen.findByRole('banner')).findByText(/· Beta Corp ·/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Operator' })).not.toBeInTheDocument();
    view.unmount();

    await operator.operator.delete.mutate({ id: created.workspace.id, confirmName: 'Beta Corp' });
    const fresh = browserLikeFetch(server.url);
    await apiClient(server.url, fresh).auth.signIn.mutate({
      email: 'bea@beta.example',
      password: 'bea long password',
    });
    renderApp(server.url, '/reports', fresh);
    expect(await screen.findByRole('heading', { name: 'You are in no workspace' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Operator' })).not.toBeInTheDocument();
  });
});

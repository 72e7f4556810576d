// One person in two workspaces: the header's switcher changes the active workspace and everything shown is the
// new workspace's own (the cache of the old one is dropped). A person in one workspace sees just its name.
import { apiClient, browserLikeFetch, startTestServer, type TestServer } from '@callmine/server/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};
const analysis = (name: string) => ({
  name,
  window: { kind: 'relative' as const, lastDays: '7' },
  filters: {},
  settings: { analysers: ['talk' as const] },
});

/** The owner's browser (its cookie jar) on a fresh server with one analysis; each test starts its own. */
async function ownerBrowser(server: TestServer) {
  const browser = browserLikeFetch(server.url);
  const api = apiClient(server.url, browser);
  await api.setup.createOwner.mutate(owner);
  await api.analyses.create.mutate(analysis('Acme pipeline'));
  return browser;
}

describe('workspace switcher', { timeout: 60_000 }, () => {
  it('shows just the workspace’s name to a person in one workspace', async () => {
    await using server = await startTestServer();
    const browser = await ownerBrowser(server);
    renderApp(server.url, '/analyses', browser);
    expect(await screen.findByText('Acme pipeline')).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Workspace' })).not.toBeInTheDocument();
    expect(within(screen.getByRole('banner')).getByText(/Olivia Owner · Acme ·/)).toBeInTheDocument();
  });

  it('switches between two workspaces, each showing only its own analyses', async () => {
    await using server = await startTestServer();
    const browser = await ownerBrowser(server);
    const api = apiClient(server.url, browser);
    const created = await api.operator.createWorkspace.mutate({ name: 'Beta Corp', adminEmail: owner.email });
    await api.invitations.join.mutate({ invitationId: created.invitation.id, password: owner.password });
    await api.analyses.create.mutate(analysis('Beta pipeline'));
    const acmeId = (await api.workspaces.mine.query()).workspaces.find((w) => w.name === 'Acme')?.id ?? '';
    await api.workspaces.switch.mutate({ id: acmeId });

    const user = userEvent.setup();
    renderApp(server.url, '/analyses', browser);
    expect(await screen.findByText('Acme pipeline')).toBeInTheDocument();
    expect(screen.queryByText('Beta pipeline')).not.toBeInTheDocument();
    const switcher = await screen.findByRole('combobox', { name: 'Workspace' });
    expect(
      within(switcher)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['Acme (owner)', 'Beta Corp (owner)']);

    await user.selectOptions(switcher, 'Beta Corp (owner)');
    await user.click(await screen.findByRole('link', { name: 'Analyses' }));
    expect(await screen.findByText('Beta pipeline')).toBeInTheDocument();
    expect(screen.queryByText('Acme pipeline')).not.toBeInTheDocument();
    expect((await api.workspace.get.query()).name).toBe('Beta Corp');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Workspace' }), 'Acme (owner)');
    await user.click(await screen.findByRole('link', { name: 'Analyses' }));
    expect(await screen.findByText('Acme pipeline')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByText('Beta pipeline')).not.toBeInTheDocument());
  });
});

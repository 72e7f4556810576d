import { apiClient, startTestServer } from '@callmine/server/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};

describe('Create the owner account', () => {
  it('is what a fresh install shows, with every field empty', async () => {
    await using server = await startTestServer();
    renderApp(server.url, '/');
    expect(await screen.findByRole('heading', { name: 'Create the owner account' })).toBeInTheDocument();
    for (const label of ['Your name', 'Email', 'Password', 'Workspace name']) {
      expect(screen.getByLabelText(label)).toHaveValue('');
    }
  });

  it('shows the shared schema messages for empty and invalid input, and focuses the first', async () => {
    await using server = await startTestServer();
    const user = userEvent.setup();
    renderApp(server.url, '/setup');
    await user.click(await screen.findByRole('button', { name: 'Create owner account' }));
    expect(screen.getByText('Enter your name.')).toBeInTheDocument();
    expect(screen.getByText('Use at least 12 characters.')).toBeInTheDocument();
    expect(screen.getByText('Enter a workspace name.')).toBeInTheDocument();
    expect(screen.getByLabelText('Your name')).toHaveFocus();

    await user.type(screen.getByLabelText('Your name'), owner.name);
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Create owner account' }));
    expect(screen.getByText(/Enter a valid email address/)).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveFocus();
    expect(screen.getByText('Use at least 12 characters.')).toBeInTheDocument();
    // Nothing reached the server.
    expect(await apiClient(server.url).setup.status.query()).toEqual({ needsOwner: true, signupOpen: false });
  });

  it('explains a server refusal: someone else finished setup first', async () => {
    await using server = await startTestServer();
    const user = userEvent.setup();
    renderApp(server.url, '/setup');
    await screen.findByRole('heading', { name: 'Create the owner account' });
    await apiClient(server.url).setup.createOwner.mutate({ ...owner, email: 'first@example.com' });

    await user.type(screen.getByLabelText('Your name'), owner.name);
    await user.type(screen.getByLabelText('Email'), owner.email);
    await user.type(screen.getByLabelText('Password'), owner.password);
    await user.type(screen.getByLabelText('Workspace name'), owner.workspaceName);
    await user.click(screen.getByRole('button', { name: 'Create owner account' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Callmine already has an owner. Sign in instead.');
    expect(alert).toHaveFocus();
  });

  it('creates the owner and opens Settings signed in', async () => {
    await using server = await startTestServer();
    const user = userEvent.setup();
    renderApp(server.url, '/');
    await user.type(await screen.findByLabelText('Your name'), owner.name);
    await user.type(screen.getByLabelText('Email'), owner.email);
    await user.type(screen.getByLabelText('Password'), owner.password);
    await user.type(screen.getByLabelText('Workspace name'), owner.workspaceName);
    await user.click(screen.getByRole('button', { name: 'Create owner account' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
    expect(await screen.findByRole('cell', { name: owner.email })).toBeInTheDocument();
    expect(screen.getByText(/Olivia Owner · Acme/)).toBeInTheDocument();
  });
});

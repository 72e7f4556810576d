import { apiClient, browserLikeFetch, startTestServer } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../test/render-app.tsx';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};

describe('Sign in', () => {
  const server = sharedResource(() => startTestServer());
  beforeAll(async () => {
    await apiClient(server.url).setup.createOwner.mutate(owner);
  });

  it('is where a signed-out visitor lands, with empty fields', async () => {
    renderApp(server.url, '/settings');
    expect(await screen.findByRole('heading', { name: 'Sign in to Callmine' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveValue('');
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('validates with the shared schema before sending', async () => {
    const user = userEvent.setup();
    renderApp(server.url, '/sign-in');
    await user.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByText(/Enter a valid email address/)).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveFocus();
  });

  it('says plainly when the password is wrong', async () => {
    const user = userEvent.setup();
    renderApp(server.url, '/sign-in');
    await user.type(await screen.findByLabelText('Email'), owner.email);
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That email and password don’t match an account.',
    );
  });

  it('signs in and returns to the page the visitor asked for', async () => {
    const user = userEvent.setup();
    renderApp(server.url, '/settings');
    await user.type(await screen.findByLabelText('Email'), owner.email);
    await user.type(screen.getByLabelText('Password'), owner.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
  });
});

describe('Session expiry', () => {
  const server = sharedResource(() => startTestServer());

  it('sends a user whose session expired to sign-in, then back to the same page', async () => {
    const user = userEvent.setup();
    const browser = browserLikeFetch(server.url);
    await apiClient(server.url, browser).setup.createOwner.mutate(owner);
    renderApp(server.url, '/settings', browser);
    const save = await screen.findByRole('button', { name: 'Save name' });

    server.database.sqlite.prepare('update session set expires_at = ?').run(Date.now() - 1000);
    await user.click(save);
    // The refused call, then the session and account queries again, before the app shows sign-in.
    expect(
      await screen.findByRole('heading', { name: 'Sign in to Callmine' }, { timeout: 10_000 }),
    ).toBeInTheDocument();

    await user.type(screen.getByLabelText('Email'), owner.email);
    await user.type(screen.getByLabelText('Password'), owner.password);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeInTheDocument();
  });
});

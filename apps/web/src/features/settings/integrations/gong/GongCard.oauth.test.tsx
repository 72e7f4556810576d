import { type SandboxedServer, sandboxOAuthEnv, startSandboxedServer } from '@callmine/server/testing';
import { sharedResource } from '@callmine/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';

/** Finishes Gong's round trip as the browser would: approve on Gong's side, follow the redirect to the callback. */
async function connectWithOAuth(
  env: SandboxedServer,
  tenantId = 'acme',
  scopes?: string[],
  confirmCompanyChange = false,
) {
  const { authorizeUrl } = await env.admin.integrations.gong.startOAuth.mutate(
    confirmCompanyChange ? { confirmCompanyChange } : {},
  );
  const url = new URL(authorizeUrl);
  const redirectUri = url.searchParams.get('redirect_uri') ?? '';
  const code = env.sandbox.oauth.issueCode({
    clientId: env.sandbox.oauth.demoClient.clientId,
    tenantId,
    redirectUri,
    ...(scopes ? { scopes } : {}),
  });
  const callback = new URL(redirectUri);
  callback.searchParams.set('code', code);
  callback.searchParams.set('state', url.searchParams.get('state') ?? '');
  const response = await env.adminFetch(callback, { redirect: 'manual' });
  return response.headers.get('location') ?? '';
}

/** A server with the sandbox's OAuth app configured, the sandbox's rate limit lifted. */
const oauthServer = () =>
  startSandboxedServer(sandboxOAuthEnv, { rateLimit: { perSecond: 1000, perDay: 100_000 } });

describe('Gong card with OAuth configured', () => {
  const card = async () => screen.findByRole('article', { name: 'Gong' });

  it('explains an approval for another Gong company, and its confirm button asks Gong again with the flag', async () => {
    await using env = await oauthServer();
    expect(await connectWithOAuth(env, 'acme')).toBe('/settings?gong=connected');
    const landing = await connectWithOAuth(env, 'globex');
    expect(landing).toBe('/settings?gong=different-company');
    const user = userEvent.setup();
    renderApp(env.server.url, landing, env.adminFetch);
    const gong = await card();
    const dialog = await within(gong).findByRole('alertdialog', {
      name: 'Connect a different Gong company?',
    });
    expect(dialog).toHaveTextContent(/not the one connected now.*not comparable with earlier ones/);
    // Still Acme: nothing was saved.
    expect(await within(gong).findByTestId('gong-company')).toHaveTextContent('Acme Sales');
    await user.click(within(dialog).getByRole('button', { name: 'Keep the current company' }));
    expect(within(gong).queryByRole('alertdialog')).not.toBeInTheDocument();
    // The confirmed second round trip saves Globex and the audit log calls it a change of company.
    expect(await connectWithOAuth(env, 'globex', undefined, true)).toBe('/settings?gong=connected');
    const [entry] = await env.admin.integrations.gong.auditLog.query();
    expect(entry).toMatchObject({ action: 'company-changed', method: 'oauth' });
  });

  it('after approval shows Connected · OAuth with the scopes, token expiry and regional base URL', async () => {
    await using env = await oauthServer();
    const landing = await connectWithOAuth(env, 'globex');
    expect(landing).toBe('/settings?gong=connected');
    renderApp(env.server.url, landing, env.adminFetch);
    const gong = await card();
    expect(await within(gong).findByText('Connected · OAuth')).toBeInTheDocument();
    expect(within(gong).getByText('Gong is connected with OAuth.')).toBeInTheDocument();
    expect(within(gong).getByText(/api:calls:read:transcript/)).toBeInTheDocument();
    expect(within(gong).getByText('Access token expires').nextElementSibling).toHaveTextContent(
      /\(renewed automatically\)$/,
    );
    expect(within(gong).getByText(env.sandbox.clusters['us-44392']?.origin ?? '?')).toBeInTheDocument();
    expect(within(gong).getByRole('button', { name: 'Switch to basic-auth' })).toBeEnabled();
    expect(within(gong).getByRole('button', { name: 'Reconnect with OAuth' })).toBeInTheDocument();
  });

  it('disconnecting an OAuth connection says the tokens are deleted here and Gong has no revocation', async () => {
    await using env = await oauthServer();
    await connectWithOAuth(env);
    const user = userEvent.setup();
    renderApp(env.server.url, '/settings', env.adminFetch);
    const gong = await card();
    await user.click(await within(gong).findByRole('button', { name: 'Disconnect' }));
    const dialog = within(gong).getByRole('alertdialog', { name: 'Disconnect Gong?' });
    expect(dialog).toHaveTextContent(/deletes the stored OAuth tokens/);
    expect(dialog).toHaveTextContent(/no revocation endpoint/);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, disconnect' }));
    expect(await within(gong).findByText('Disconnected')).toBeInTheDocument();
  });

  it('a real missing-scopes round trip lands on that sentence', async () => {
    await using env = await oauthServer();
    const landing = await connectWithOAuth(env, 'acme', ['api:users:read']);
    expect(landing).toBe('/settings?gong=scopes-missing');
    renderApp(env.server.url, landing, env.adminFetch);
    expect(await within(await card()).findByRole('alert')).toHaveTextContent(/did not grant access/);
  });

  it('when the worker found the refresh token refused: Needs attention, its reason, and Reconnect with OAuth', async () => {
    await using env = await oauthServer();
    await connectWithOAuth(env);
    // What the worker writes when Gong answers invalid_grant to a refresh (apps/worker/src/gong/credential.ts).
    const reason = 'Gong no longer accepts Callmine’s OAuth authorization. Connect with OAuth again.';
    env.server.database.sqlite
      .prepare("update gong_credential set status = 'rejected', status_reason = ?")
      .run(reason);
    const schedules = renderApp(env.server.url, '/schedules', env.adminFetch);
    expect(
      await screen.findByText(
        /The Gong connection needs attention, so scheduled runs fail until an admin connects Gong with OAuth again/,
      ),
    ).toBeInTheDocument();
    schedules.unmount();
    renderApp(env.server.url, '/settings', env.adminFetch);
    const gong = await card();
    expect(await within(gong).findByText('Needs attention · OAuth')).toBeInTheDocument();
    const alert = within(gong).getByRole('alert');
    expect(alert).toHaveTextContent(reason);
    expect(alert).not.toHaveTextContent(/stored key/);
    // Nothing renews it now: the card must not say it will be.
    const expiry = within(gong).getByText('Access token expires').nextElementSibling;
    expect(expiry).toHaveTextContent(/\(not renewed: connect with OAuth again\)$/);
    expect(gong).not.toHaveTextContent(/renewed automatically/);
    expect(within(gong).getByRole('button', { name: 'Reconnect with OAuth' })).toBeInTheDocument();
  });

  // These only render a page: they change nothing on the server, so they share one (a server start with its
  // owner's password hash was most of each test's time).
  describe('on a server they only read', () => {
    const env = sharedResource(() => oauthServer());

    it('offers Connect with OAuth, enabled, next to basic-auth', async () => {
      renderApp(env.server.url, '/settings', env.adminFetch);
      const gong = await card();
      const oauth = await within(gong).findByRole('button', { name: 'Connect with OAuth' });
      await expect.poll(() => (oauth as HTMLButtonElement).disabled).toBe(false);
      expect(within(gong).queryByText(/OAuth isn’t available/)).not.toBeInTheDocument();
    });

    it.each([
      ['denied', /access was denied on Gong’s page/],
      ['state-invalid', /expired, already used, or started in another browser session/],
      ['code-expired', /approval expired/],
      ['scopes-missing', /did not grant access to calls, transcripts, users and workspaces/],
      ['company-inactive', /this company’s account is inactive/],
      ['base-url-not-gong', /not a Gong address/],
      ['unreachable', /Couldn’t reach Gong/],
    ])('turns ?gong=%s into a sentence with the next step, still Disconnected', async (code, sentence) => {
      renderApp(env.server.url, `/settings?gong=${code}`, env.adminFetch);
      const gong = await card();
      expect(await within(gong).findByRole('alert')).toHaveTextContent(sentence);
      expect(await within(gong).findByText('Disconnected')).toBeInTheDocument();
    });

    it('ignores an unknown result code', async () => {
      renderApp(env.server.url, '/settings?gong=<script>', env.adminFetch);
      const gong = await card();
      expect(await within(gong).findByText('Disconnected')).toBeInTheDocument();
      expect(within(gong).queryByRole('alert')).not.toBeInTheDocument();
    });
  });
});

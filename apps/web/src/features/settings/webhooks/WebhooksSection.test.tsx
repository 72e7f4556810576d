import { schema } from '@callmine/db';
import { apiClient, browserLikeFetch, startTestServer, type TestServer } from '@callmine/server/testing';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render-app.tsx';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'a long enough password',
  workspaceName: 'Acme',
};
const DEV_ORIGIN = 'http://127.0.0.1:4020';

/** The owner's browser (its cookie jar) on a fresh server; each test starts its own. */
async function ownerBrowserOn(server: TestServer) {
  const browser = browserLikeFetch(server.url);
  await apiClient(server.url, browser).setup.createOwner.mutate(owner);
  return browser;
}

describe('Settings → Webhooks', () => {
  it('adds an endpoint with the form’s rules, shows the secret once, then lists it without the secret', {
    timeout: 40_000,
  }, async () => {
    await using server = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: DEV_ORIGIN });
    const ownerBrowser = await ownerBrowserOn(server);
    const user = userEvent.setup();
    renderApp(server.url, '/settings', ownerBrowser);
    const form = await screen.findByRole('form', { name: 'Add a webhook endpoint' });
    expect(await screen.findByText('No webhook endpoints yet.', {}, { timeout: 10_000 })).toBeInTheDocument();

    // The shared schema's messages: a URL is needed, and at least one event.
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(within(form).getByText(/Enter the full address the events go to/)).toBeInTheDocument();
    for (const box of within(form).getAllByRole('checkbox')) await user.click(box);
    await user.type(within(form).getByLabelText('Endpoint URL'), 'https://hooks.example.com/x#top');
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(within(form).getByText('Choose at least one event.')).toBeInTheDocument();
    expect(within(form).getByText('The URL must not contain a fragment (#…).')).toBeInTheDocument();

    // The server's rule: no inside addresses.
    await user.clear(within(form).getByLabelText('Endpoint URL'));
    await user.type(within(form).getByLabelText('Endpoint URL'), 'https://10.0.0.1/hook');
    await user.click(within(form).getByLabelText('Run finished (done, partial or failed)'));
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    expect(
      await within(form).findByText('The URL must point to a public internet address.'),
    ).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('Endpoint URL'));
    await user.type(within(form).getByLabelText('Endpoint URL'), 'https://hooks.example.com/callmine');
    await user.click(within(form).getByLabelText('Report ready'));
    await user.click(within(form).getByRole('button', { name: 'Add endpoint' }));
    const secret = (await within(form).findByLabelText(
      'Signing secret',
      {},
      { timeout: 10_000 },
    )) as HTMLInputElement;
    expect(secret.value).toMatch(/^whsec_/);
    expect(within(form).getByText(/won’t show it again/)).toBeInTheDocument();
    expect(within(form).getByRole('button', { name: 'Copy secret' })).toBeInTheDocument();

    const card = await screen.findByRole(
      'article',
      { name: 'Webhook https://hooks.example.com/callmine' },
      { timeout: 10_000 },
    );
    expect(
      within(card).getByText('Run finished (done, partial or failed) · Report ready'),
    ).toBeInTheDocument();
    expect(within(card).getByText('On')).toBeInTheDocument();
    expect(card.textContent).not.toContain(secret.value);
  });

  it('shows the delivery log with a Resend button, and the notice when Callmine turned an endpoint off', {
    timeout: 40_000,
  }, async () => {
    await using server = await startTestServer({ CALLMINE_WEBHOOK_ALLOWED_ORIGINS: DEV_ORIGIN });
    const ownerBrowser = await ownerBrowserOn(server);
    const admin = apiClient(server.url, ownerBrowser);
    const created = await admin.webhooks.create.mutate({
      url: `${DEV_ORIGIN}/hook`,
      events: ['run.finished'],
    });
    const { deliveryId } = await admin.webhooks.sendTest.mutate({ endpointId: created.endpoint.id });
    // What the worker records after its attempts failed for 3 days (the worker's own test covers how).
    const at = new Date('2026-03-05T09:00:00Z');
    await server.database.db
      .update(schema.webhookDelivery)
      .set({
        status: 'dead',
        attempts: 80,
        lastStatusCode: 503,
        lastDurationMs: 42,
        lastError: 'HTTP 503',
        lastAttemptAt: at,
      })
      .where(eq(schema.webhookDelivery.id, deliveryId));
    await server.database.db
      .update(schema.webhookEndpoint)
      .set({
        enabled: false,
        disabledReason: 'failing',
        disabledAt: at,
        failingSince: new Date('2026-03-02T09:00:00Z'),
      })
      .where(eq(schema.webhookEndpoint.id, created.endpoint.id));

    const user = userEvent.setup();
    // The admin is told on whatever page they are, and led to the endpoint.
    renderApp(server.url, '/reports', ownerBrowser);
    const notice = await screen.findByText(/Callmine turned off a webhook endpoint/, {}, { timeout: 10_000 });
    expect(notice).toHaveTextContent(`(${DEV_ORIGIN}/hook): every delivery failed for 3 days`);
    await user.click(within(notice).getByRole('link', { name: 'Settings → Webhooks' }));
    const card = await screen.findByRole(
      'article',
      { name: `Webhook ${DEV_ORIGIN}/hook` },
      { timeout: 10_000 },
    );
    expect(within(card).getByRole('alert')).toHaveTextContent(/every delivery failed for 3 days/);
    expect(within(card).getByText(/turned off by Callmine/)).toBeInTheDocument();
    expect(within(card).getByRole('button', { name: 'Send test event' })).toBeDisabled();

    await user.click(within(card).getByRole('button', { name: 'Deliveries' }));
    const table = await within(card).findByRole('table', { name: 'Deliveries' }, { timeout: 10_000 });
    const row = within(table).getByText('webhook.test').closest('tr') as HTMLElement;
    expect(within(row).getByText('Gave up')).toBeInTheDocument();
    expect(within(row).getByText('80')).toBeInTheDocument();
    expect(within(row).getByText('42 ms')).toBeInTheDocument();
    expect(row.textContent).toContain('HTTP 503');
    await user.click(within(row).getByRole('button', { name: 'Resend' }));
    await waitFor(() => expect(within(row).getByText('Pending')).toBeInTheDocument());

    await user.click(within(card).getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(within(card).queryByRole('alert')).not.toBeInTheDocument());
    await waitFor(() =>
      expect(screen.queryByText(/Callmine turned off a webhook endpoint/)).not.toBeInTheDocument(),
    );
    expect(within(card).getByText('On')).toBeInTheDocument();
  });
});

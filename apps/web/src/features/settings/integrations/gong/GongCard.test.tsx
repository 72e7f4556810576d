import type { SandboxTenant } from '@callmine/gong-sandbox';
import {
  apiClient,
  browserLikeFetch,
  type SandboxedServer,
  startSandboxedServer,
} from '@callmine/server/testing';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../../../../test/render-app.tsx';

const credentialOf = (tenant: SandboxTenant, label = 'primary') =>
  tenant.credentials.find((c) => c.label === label)!;
const standardOf = (env: SandboxedServer) => env.sandbox.tenants.find((t) => t.cluster === 'standard')!;
const regionalOf = (env: SandboxedServer) => env.sandbox.tenants.find((t) => t.cluster !== 'standard')!;

describe('Settings → Integrations → Gong card', () => {
  // The card by its heading: a role query over the whole settings page, polled while it loads, cost a few hundred
  // ms each time. The first test checks that this is the article named Gong.
  const card = async () =>
    (await screen.findByText('Gong', { selector: 'h3' })).closest('article') as HTMLElement;

  async function openForm(env: SandboxedServer) {
    const user = userEvent.setup();
    renderApp(env.server.url, '/settings', env.adminFetch);
    await user.click(await within(await card()).findByRole('button', { name: 'Connect with basic-auth' }));
    return { user, form: screen.getByRole('form', { name: 'Connect Gong with basic-auth' }) };
  }

  async function fill(
    user: ReturnType<typeof userEvent.setup>,
    form: HTMLElement,
    values: Record<string, string>,
    { typing = false } = {},
  ) {
    for (const [label, value] of Object.entries(values)) {
      const input = within(form).getByLabelText(label);
      await user.clear(input);
      // Keys are pasted, as an admin copies them from Gong; typing a 200-character key key by key cost about 2 s a
      // test. The schema-messages test types for real, so the typing path stays covered.
      if (value) await (typing ? user.type(input, value) : user.paste(value));
    }
    await user.click(within(form).getByRole('button', { name: 'Save' }));
  }

  it('starts Disconnected and offers both ways to connect (OAuth disabled with the reason)', async () => {
    await using env = await startSandboxedServer();
    renderApp(env.server.url, '/settings', env.adminFetch);
    const gong = await card();
    expect(gong).toBe(screen.getByRole('article', { name: 'Gong' }));
    expect(await within(gong).findByText('Disconnected')).toBeInTheDocument();
    expect(within(gong).getByRole('button', { name: 'Connect with basic-auth' })).toBeEnabled();
    const oauth = within(gong).getByRole('button', { name: 'Connect with OAuth' });
    expect(oauth).toBeDisabled();
    // The reason appears once the server has said no OAuth app is configured.
    expect(await within(gong).findByText(/OAuth isn’t available/)).toBeInTheDocument();
    expect(oauth).toHaveAccessibleDescription(/OAuth isn’t available/);
  });

  it('shows the shared schema’s messages before any request', async () => {
    await using env = await startSandboxedServer();
    const { user, form } = await openForm(env);
    env.sandbox.requests.length = 0;
    await fill(
      user,
      form,
      { 'Access key': '', 'Secret key': '', 'Base URL (optional)': 'gong dot io' },
      { typing: true },
    );
    expect(within(form).getByText('Paste the access key Gong showed you.')).toBeInTheDocument();
    expect(within(form).getByText('Paste the access key secret Gong showed you.')).toBeInTheDocument();
    expect(within(form).getByText(/Enter the base URL Gong gave you/)).toBeInTheDocument();
    expect(within(form).getByLabelText('Access key')).toHaveFocus();
    expect(env.sandbox.requests).toHaveLength(0);
  });

  it('shows progress while validating, cannot be sent twice, then shows Connected without the secret', async () => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const { user, form } = await openForm(env);
    const key = credentialOf(standard);
    env.sandbox.faults.latency(600);
    env.sandbox.requests.length = 0;
    await fill(user, form, { 'Access key': key.accessKey, 'Secret key': key.secretKey });
    const busy = within(form).getByRole('button', { name: 'Validating with Gong…' });
    expect(busy).toBeDisabled();
    await user.click(busy);
    const gong = await card();
    expect(await within(gong).findByText('Connected', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(env.sandbox.requests.filter((r) => r.path === '/v2/users')).toHaveLength(1);
    expect(within(gong).getByText(`••••${key.accessKey.slice(-4)}`)).toBeInTheDocument();
    // Which company, when it was checked, and today's budget.
    expect(within(gong).getByTestId('gong-company')).toHaveTextContent(
      'Workspaces Acme Sales, Acme Customer Success',
    );
    expect(within(gong).getByText(/checked again every day/)).toBeInTheDocument();
    expect(within(gong).getByTestId('gong-budget')).toHaveTextContent(
      // The validation's two requests count in the same daily budget as the runs.
      'Gong requests today: 2 of 10,000. The count starts again at 00:00 UTC (midnight UTC).',
    );
    expect(within(gong).getByText('Gong standard endpoints')).toBeInTheDocument();
    expect(within(gong).getByText(/by Ada Admin/)).toBeInTheDocument();
    expect(within(gong).queryByLabelText('Secret key')).not.toBeInTheDocument();
    expect(document.body.innerHTML).not.toContain(key.secretKey);
  });

  it.each([
    ['a wrong secret', () => ({ secret: 'wrong-secret' }), /secret is wrong, or the key was revoked/],
    ['a revoked key', () => ({ label: 'revoked' }), /secret is wrong, or the key was revoked/],
    ['a key without API permission', () => ({ label: 'no-permission' }), /gave it no API permission/],
    ['an inactive company', () => ({ tenant: 'hooli' }), /company’s account is inactive/],
    ['a regional key without its base URL', () => ({ regional: true }), /base URL/],
    [
      'Gong rate-limiting us',
      () => ({ fault: 'rate' }),
      /rate-limiting this Gong account right now\. Try again in 7 s \(after \d\d:\d\d:\d\d UTC\)/,
    ],
    ['Gong timing out', () => ({ fault: 'slow' }), /Couldn’t reach Gong/],
    [
      'a base URL that is not Gong',
      () => ({ baseUrl: 'https://gong.example.com' }),
      /not a Gong API address/,
    ],
  ] as const)('explains %s in plain words and keeps the form', async (_name, setup, message) => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const regional = regionalOf(env);
    const scenario: {
      secret?: string;
      label?: string;
      regional?: boolean;
      tenant?: string;
      fault?: string;
      baseUrl?: string;
    } = setup();
    const { user, form } = await openForm(env);
    const tenant = scenario.tenant
      ? env.sandbox.tenant(scenario.tenant)
      : scenario.regional
        ? regional
        : standard;
    const key = credentialOf(tenant, scenario.label ?? 'primary');
    if (scenario.fault === 'rate') env.sandbox.faults.rateLimitNext(5, 7);
    if (scenario.fault === 'slow') env.sandbox.faults.latency(4000);
    await fill(user, form, {
      'Access key': key.accessKey,
      'Secret key': scenario.secret ?? key.secretKey,
      'Base URL (optional)': scenario.baseUrl ?? '',
    });
    const alert = await within(form).findByRole('alert', {}, { timeout: 6000 });
    expect(alert).toHaveTextContent(message);
    expect(alert).toHaveFocus();
    expect(within(form).getByLabelText('Secret key')).toHaveValue('');
    expect(within(await card()).getByText('Disconnected')).toBeInTheDocument();
  });

  it('holds a key of another Gong company until the admin confirms, then replaces it and disconnects', async () => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const regional = regionalOf(env);
    const user = userEvent.setup();
    const first = credentialOf(standard);
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: first.accessKey,
      secretKey: first.secretKey,
    });
    renderApp(env.server.url, '/settings', env.adminFetch);
    const gong = await card();
    await user.click(await within(gong).findByRole('button', { name: 'Replace key' }));
    const form = screen.getByRole('form', { name: 'Replace Gong key' });
    const next = credentialOf(regional);
    await fill(user, form, {
      'Access key': next.accessKey,
      'Secret key': next.secretKey,
      'Base URL (optional)': regional.baseUrl,
    });
    const held = await within(form).findByRole('alertdialog', {
      name: 'Connect a different Gong company?',
    });
    expect(held).toHaveTextContent(/Globex Sales, Globex Customer Success/);
    expect(held).toHaveTextContent(/Reports made so far keep the calls they were made from/);
    expect(held).toHaveTextContent(/the one connected now \(Acme Sales, Acme Customer Success\)/);
    await user.click(within(held).getByRole('button', { name: 'Yes, connect the other company' }));
    expect(await within(gong).findByText(regional.baseUrl)).toBeInTheDocument();
    expect(within(gong).getByText(`••••${next.accessKey.slice(-4)}`)).toBeInTheDocument();
    expect(within(gong).getByTestId('gong-company')).toHaveTextContent('Globex Sales');
    await user.click(within(gong).getByText('Recent changes'));
    expect(
      within(gong).getByText(
        /Changed the Gong company from Acme Sales, Acme Customer Success to Globex Sales, Globex Customer Success/,
      ),
    ).toBeInTheDocument();
    expect(
      within(gong).getByText(/Held a basic-auth connection to a different Gong company \(not saved\)/),
    ).toBeInTheDocument();

    await user.click(within(gong).getByRole('button', { name: 'Disconnect' }));
    const dialog = within(gong).getByRole('alertdialog', { name: 'Disconnect Gong?' });
    expect(within(dialog).getByRole('button', { name: 'Yes, disconnect' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Keep connected' }));
    expect(within(gong).getByText('Connected')).toBeInTheDocument();
    await user.click(within(gong).getByRole('button', { name: 'Disconnect' }));
    await user.click(within(gong).getByRole('button', { name: 'Yes, disconnect' }));
    expect(await within(gong).findByText('Disconnected')).toBeInTheDocument();
  });

  it('says what to do when Gong rejected the stored key', async () => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const key = credentialOf(standard);
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: key.accessKey,
      secretKey: key.secretKey,
    });
    env.server.database.sqlite.prepare("update gong_credential set status = 'rejected'").run();
    renderApp(env.server.url, '/settings', env.adminFetch);
    const gong = await card();
    expect(await within(gong).findByText('Needs attention')).toBeInTheDocument();
    expect(within(gong).getByRole('alert')).toHaveTextContent(
      /Gong rejected the stored key.*Create a new API key/,
    );
    expect(within(gong).getByRole('button', { name: 'Replace key' })).toBeInTheDocument();
  });

  it('shows members the status read-only', async () => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const key = credentialOf(standard);
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: key.accessKey,
      secretKey: key.secretKey,
    });
    const invitation = await env.admin.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const memberFetch = browserLikeFetch(env.server.url);
    await apiClient(env.server.url, memberFetch).invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max',
      password: 'max long password',
    });
    renderApp(env.server.url, '/settings', memberFetch);
    const gong = await card();
    expect(await within(gong).findByText('Connected')).toBeInTheDocument();
    expect(within(gong).getByText(`••••${key.accessKey.slice(-4)}`)).toBeInTheDocument();
    expect(within(gong).queryByRole('button')).not.toBeInTheDocument();
    expect(within(gong).queryByText('Recent changes')).not.toBeInTheDocument();
    // Members get one line about today's budget, not the numbers.
    expect(within(gong).getByTestId('gong-budget')).toHaveTextContent(
      'Runs can fetch calls from Gong today.',
    );
  });

  it('tells members and admins when today’s Gong requests are used up', async () => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const key = credentialOf(standard);
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: key.accessKey,
      secretKey: key.secretKey,
    });
    const { key: limiterKey } = env.server.database.sqlite
      .prepare('select limiter_key as key from gong_credential')
      .get() as { key: string };
    env.server.database.sqlite
      .prepare(
        'insert into gong_request_budget (credential_key, day, used) values (?, ?, ?) on conflict (credential_key, day) do update set used = excluded.used',
      )
      .run(limiterKey, new Date().toISOString().slice(0, 10), 10_000);
    renderApp(env.server.url, '/settings', env.adminFetch);
    const gong = await card();
    expect(await within(gong).findByTestId('gong-budget')).toHaveTextContent(
      'Gong requests today: 10,000 of 10,000 — used up, runs wait.',
    );
  });

  it('shows what the daily check found, with the card as the place to fix it', async () => {
    await using env = await startSandboxedServer();
    const standard = standardOf(env);
    const key = credentialOf(standard);
    await env.admin.integrations.gong.connectBasic.mutate({
      accessKey: key.accessKey,
      secretKey: key.secretKey,
    });
    env.server.database.sqlite
      .prepare("update gong_credential set status = 'rejected', status_reason = ?")
      .run('The daily check found that Gong accepts this key but no longer gives it API permission.');
    renderApp(env.server.url, '/settings#gong', env.adminFetch);
    const gong = await card();
    expect(gong).toHaveAttribute('id', 'gong');
    expect(await within(gong).findByText('Needs attention')).toBeInTheDocument();
    expect(within(gong).getByRole('alert')).toHaveTextContent(
      /daily check found .* no longer gives it API permission/,
    );
  });
});

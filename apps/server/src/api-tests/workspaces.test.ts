// Many workspaces in one Callmine over real HTTP: the operator creates a workspace and its first admin joins by
// link; one account in two workspaces with a role in each, switching the session's active workspace; tokens
// stay in their workspace; allowance, suspension and deletion as the operator does them, each audited.
import { schema } from '@callmine/db';
import { sharedResource } from '@callmine/testing';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { startSandboxedServer, testAdmin } from '../testing/sandboxed-server.ts';

interface Failure {
  code?: string;
  reason?: string;
  fieldErrors?: Record<string, string[]>;
  message: string;
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      const data = error.data as Omit<Failure, 'message'> | undefined;
      return { ...data, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function tokenCall(url: string, token: string, path: string) {
  const response = await fetch(`${url}/trpc/${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { error?: { data: { code: string; reason?: string } } };
  return { status: response.status, error: body.error?.data };
}

const bea = { name: 'Bea Beta', email: 'bea@beta.example', password: 'bea long password' };

describe('workspaces, memberships and the operator', () => {
  const env = sharedResource(() => startSandboxedServer());
  let betaId = '';
  let bInviteId = '';
  const beaBrowser = () => apiClient(env.server.url);
  let beaClient: ReturnType<typeof apiClient>;

  it('makes the person who set up the install its operator, with one workspace', async () => {
    const mine = await env.admin.workspaces.mine.query();
    expect(mine.operator).toBe(true);
    expect(mine.workspaces).toEqual([
      { id: mine.activeWorkspaceId, name: testAdmin.workspaceName, role: 'owner', suspended: false },
    ]);
  });

  it('refuses a workspace name that is taken, empty or too long, with a field error', async () => {
    const taken = await failure(
      env.admin.operator.createWorkspace.mutate({ name: 'ACME', adminEmail: bea.email }),
    );
    expect(taken.code).toBe('BAD_REQUEST');
    expect(taken.fieldErrors?.name?.[0]).toMatch(/already exists/);
    const empty = await failure(
      env.admin.operator.createWorkspace.mutate({ name: '  ', adminEmail: bea.email }),
    );
    expect(empty.fieldErrors?.name?.[0]).toBe('Enter a workspace name.');
    const long = await failure(
      env.admin.operator.createWorkspace.mutate({ name: 'x'.repeat(81), adminEmail: bea.email }),
    );
    expect(long.fieldErrors?.name?.[0]).toBe('Use at most 80 characters.');
  });

  it('creates a workspace whose first admin joins by link; the operator is not a member of it', async () => {
    const created = await env.admin.operator.createWorkspace.mutate({
      name: 'Beta Corp',
      adminEmail: bea.email,
    });
    betaId = created.workspace.id;
    expect(created.workspace).toMatchObject({ name: 'Beta Corp', memberCount: 0, gong: 'not-connected' });
    const invitationId = created.invitation.link.split('/invite/')[1] ?? '';
    beaClient = beaBrowser();
    expect(await beaClient.invitations.preview.query({ invitationId })).toMatchObject({
      email: bea.email,
      workspaceName: 'Beta Corp',
      role: 'owner',
      accountExists: false,
    });
    const session = await beaClient.invitations.accept.mutate({
      invitationId,
      name: bea.name,
      password: bea.password,
    });
    expect(session).toMatchObject({ workspace: { id: betaId, name: 'Beta Corp' }, role: 'owner' });
    expect((await beaClient.workspace.get.query()).name).toBe('Beta Corp');
    expect((await env.admin.workspaces.mine.query()).workspaces.map((w) => w.name)).toEqual([
      testAdmin.workspaceName,
    ]);
    // Not the operator: the operator's procedures are refused.
    expect((await failure(beaClient.operator.workspaces.query())).reason).toBe('operator-only');
  });

  it('adds a membership to an existing account instead of a second account', async () => {
    const invite = await beaClient.members.invite.mutate({ email: testAdmin.email, role: 'member' });
    bInviteId = invite.id;
    const adaNew = apiClient(env.server.url);
    expect((await adaNew.invitations.preview.query({ invitationId: invite.id })).accountExists).toBe(true);
    const asNew = await failure(
      adaNew.invitations.accept.mutate({
        invitationId: invite.id,
        name: 'Ada Again',
        password: 'another long password',
      }),
    );
    expect(asNew).toMatchObject({ code: 'CONFLICT', reason: 'account-exists' });
    const wrong = await failure(
      adaNew.invitations.join.mutate({ invitationId: invite.id, password: 'not her password' }),
    );
    expect(wrong.code).toBe('UNAUTHORIZED');
    const joined = await adaNew.invitations.join.mutate({
      invitationId: invite.id,
      password: testAdmin.password,
    });
    expect(joined).toMatchObject({ workspace: { id: betaId }, role: 'member' });
    const accounts = (
      await env.server.database.db.select({ email: schema.user.email }).from(schema.user)
    ).filter((u) => u.email === testAdmin.email);
    expect(accounts).toHaveLength(1);
    const mine = await env.admin.workspaces.mine.query();
    expect(mine.workspaces.map((w) => [w.name, w.role])).toEqual([
      [testAdmin.workspaceName, 'owner'],
      ['Beta Corp', 'member'],
    ]);
  });

  it('switches the active workspace per session; another workspace answers NOT_FOUND; tokens stay put', async () => {
    const acmeToken = (await env.admin.apiTokens.create.mutate({ name: 'acme script', role: 'read' })).token;
    const acmeId = (await env.admin.workspace.get.query()).id;
    expect(await env.admin.workspaces.switch.mutate({ id: betaId })).toMatchObject({
      workspace: { name: 'Beta Corp' },
      role: 'member',
    });
    expect((await env.admin.workspace.get.query()).name).toBe('Beta Corp');
    expect((await env.admin.auth.session.query())?.role).toBe('member');
    // A member in Beta: admin procedures are refused there, though Ada owns Acme.
    expect((await failure(env.admin.members.invitations.query())).code).toBe('FORBIDDEN');
    expect((await tokenCall(env.server.url, acmeToken, 'workspace.get')).status).toBe(200);
    const viaToken = await fetch(`${env.server.url}/trpc/workspace.get`, {
      headers: { authorization: `Bearer ${acmeToken}` },
    });
    expect(((await viaToken.json()) as { result: { data: { id: string } } }).result.data.id).toBe(acmeId);
    // Bea is not in Acme: switching there is NOT_FOUND, exactly like an id that does not exist.
    expect((await failure(beaClient.workspaces.switch.mutate({ id: acmeId }))).code).toBe('NOT_FOUND');
    expect((await failure(beaClient.workspaces.switch.mutate({ id: 'no-such-workspace' }))).code).toBe(
      'NOT_FOUND',
    );
    await env.admin.workspaces.switch.mutate({ id: acmeId });
    expect((await env.admin.workspace.get.query()).name).toBe(testAdmin.workspaceName);
  });

  it('sets an allowance with the rule and range of npm run quota', async () => {
    const set = await env.admin.operator.setAllowance.mutate({ id: betaId, monthlyCalls: 500 });
    expect(set.usage).toMatchObject({ allowance: 500, overridden: true, used: 0 });
    expect((await beaClient.usage.summary.query()).allowance).toBe(500);
    const tooMany = await failure(
      env.admin.operator.setAllowance.mutate({ id: betaId, monthlyCalls: 10_000_001 }),
    );
    expect(tooMany.fieldErrors?.monthlyCalls?.[0]).toBe(
      'The allowance must be a whole number of calls from 0 to 10,000,000',
    );
    const reset = await env.admin.operator.setAllowance.mutate({ id: betaId, monthlyCalls: null });
    expect(reset.usage).toMatchObject({ allowance: 1000, overridden: false });
    expect(
      (await failure(env.admin.operator.setAllowance.mutate({ id: 'nope', monthlyCalls: 1 }))).code,
    ).toBe('NOT_FOUND');
  });

  it('suspends a workspace: nobody signs in, its tokens get 403 workspace-suspended; resuming lets them back', async () => {
    const betaToken = (await beaClient.apiTokens.create.mutate({ name: 'beta script', role: 'read' })).token;
    const suspended = await env.admin.operator.suspend.mutate({ id: betaId });
    expect(suspended.suspended).toBe(true);
    expect(await tokenCall(env.server.url, betaToken, 'workspace.get')).toEqual({
      status: 403,
      error: expect.objectContaining({ code: 'FORBIDDEN', reason: 'workspace-suspended' }),
    });
    expect((await failure(beaClient.workspace.get.query())).reason).toBe('workspace-suspended');
    const signIn = await failure(
      beaBrowser().auth.signIn.mutate({ email: bea.email, password: bea.password }),
    );
    expect(signIn).toMatchObject({ code: 'FORBIDDEN', reason: 'workspace-suspended' });
    // Ada is in Acme too: she signs in there, and can't switch to Beta.
    expect((await failure(env.admin.workspaces.switch.mutate({ id: betaId }))).reason).toBe(
      'workspace-suspended',
    );
    expect((await env.admin.workspaces.mine.query()).workspaces.find((w) => w.id === betaId)?.suspended).toBe(
      true,
    );

    await env.admin.operator.resume.mutate({ id: betaId });
    expect((await tokenCall(env.server.url, betaToken, 'workspace.get')).status).toBe(200);
    beaClient = beaBrowser();
    expect(await beaClient.auth.signIn.mutate({ email: bea.email, password: bea.password })).toMatchObject({
      workspace: { id: betaId },
    });
  });

  it('deletes a workspace after its name is typed: everything of it goes, accounts stay', async () => {
    const globex = env.sandbox.tenant('globex');
    const key = globex.credentials[0];
    if (!key) throw new Error('sandbox tenant globex has no key');
    await beaClient.integrations.gong.connectBasic.mutate({
      accessKey: key.accessKey,
      secretKey: key.secretKey,
      baseUrl: globex.baseUrl,
    });
    const { db } = env.server.database;
    const credentialsOfBeta = async () =>
      (
        await db
          .select({
            workspaceId: schema.gongCredential.workspaceId,
            sealed: schema.gongCredential.secretKeySealed,
          })
          .from(schema.gongCredential)
      ).filter((c) => c.workspaceId === betaId);
    expect(await credentialsOfBeta()).toHaveLength(1);
    expect((await env.admin.operator.workspaces.query()).find((w) => w.id === betaId)).toMatchObject({
      memberCount: 2,
      gong: 'active',
    });

    const mistyped = await failure(
      env.admin.operator.delete.mutate({ id: betaId, confirmName: 'beta corp' }),
    );
    expect(mistyped.fieldErrors?.confirmName?.[0]).toMatch(/exactly/);
    // A schedule's analysis key restricts: the deletion removes schedules itself before the workspace.
    const analysis = await beaClient.analyses.create.mutate({
      name: 'Beta pricing',
      window: { kind: 'relative', lastDays: '7' },
      filters: {},
      settings: { analysers: ['themes'] },
    });
    await beaClient.schedules.create.mutate({
      analysisId: analysis.id,
      kind: 'daily',
      time: '08:00',
      timeZone: 'UTC',
    });
    await env.admin.operator.delete.mutate({ id: betaId, confirmName: 'Beta Corp' });
    expect(await credentialsOfBeta()).toHaveLength(0);
    expect((await db.select().from(schema.schedule)).filter((s) => s.workspaceId === betaId)).toHaveLength(0);
    expect((await db.select().from(schema.invitation)).filter((i) => i.id === bInviteId)).toHaveLength(0);
    expect((await db.select().from(schema.apiToken)).filter((t) => t.workspaceId === betaId)).toHaveLength(0);
    expect((await db.select().from(schema.member)).filter((m) => m.organizationId === betaId)).toHaveLength(
      0,
    );
    expect((await env.admin.operator.workspaces.query()).map((w) => w.name)).toEqual([
      testAdmin.workspaceName,
    ]);

    // Bea's last workspace is gone: she still signs in, and is in no workspace.
    const again = beaBrowser();
    expect(await again.auth.signIn.mutate({ email: bea.email, password: bea.password })).toBeNull();
    expect(await again.auth.session.query()).toBeNull();
    expect(await again.workspaces.mine.query()).toMatchObject({
      activeWorkspaceId: null,
      workspaces: [],
      operator: false,
    });
    expect((await failure(again.workspace.get.query())).reason).toBe('no-workspace');

    const audit = await env.admin.operator.auditLog.query();
    expect(audit.map((a) => a.action).reverse()).toEqual([
      'workspace-created',
      'allowance-set',
      'allowance-reset',
      'workspace-suspended',
      'workspace-resumed',
      'workspace-deleted',
    ]);
    expect(audit.every((a) => a.actorName === testAdmin.name && a.workspaceName === 'Beta Corp')).toBe(true);
  });
});

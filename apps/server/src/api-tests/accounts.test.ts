// Accounts and workspaces over real HTTP against a temp database (SQLite, or PostgreSQL in the PostgreSQL project).
import type { AppRouter } from '@callmine/api';
import { TRPCClientError } from '@trpc/client';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiClient } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startTestServer } from '../testing/test-server.ts';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme Sales',
};

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) return error.data?.code;
    throw error;
  }
  return undefined;
}

describe('accounts and workspaces', () => {
  it('creates the owner and workspace once; setup is then closed', async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    expect(await browser.setup.status.query()).toEqual({ needsOwner: true, signupOpen: false });
    const session = await browser.setup.createOwner.mutate(owner);
    expect(session).toMatchObject({
      role: 'owner',
      workspace: { name: 'Acme Sales' },
      user: { email: owner.email },
    });
    expect(await browser.setup.status.query()).toEqual({ needsOwner: false, signupOpen: false });
    expect(await browser.auth.session.query()).toMatchObject({ role: 'owner' });

    const intruder = apiClient(server.url);
    const second = intruder.setup.createOwner.mutate({ ...owner, email: 'mallory@example.com' });
    expect(await codeOf(second)).toBe('CONFLICT');
  });

  it('lets only one of two racing first visitors become the owner', async () => {
    await using server = await startTestServer();
    const a = apiClient(server.url);
    const b = apiClient(server.url);
    const results = await Promise.allSettled([
      a.setup.createOwner.mutate(owner),
      b.setup.createOwner.mutate({ ...owner, email: 'bob@example.com' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const { db } = server.database;
    const [members] = await db.select({ n: count() }).from(db.tables.user);
    expect(members?.n).toBe(1);
  });

  it('rejects setup input with the shared schema messages, field by field', async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    try {
      await browser.setup.createOwner.mutate({ ...owner, password: 'short', email: 'nope' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TRPCClientError);
      const data = (error as TRPCClientError<AppRouter>).data!;
      expect(data.code).toBe('BAD_REQUEST');
      expect(data.fieldErrors?.password).toEqual(['Use at least 12 characters.']);
      expect(data.fieldErrors?.email?.[0]).toMatch(/valid email/);
    }
  });

  it('refuses unknown fields (strict inputs: nobody passes a workspaceId or role)', async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    const sneaky = { ...owner, role: 'member' } as typeof owner;
    expect(await codeOf(browser.setup.createOwner.mutate(sneaky))).toBe('BAD_REQUEST');
  });

  it('signs out and back in; a wrong password is UNAUTHORIZED', async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    await browser.setup.createOwner.mutate(owner);
    await browser.auth.signOut.mutate();
    expect(await browser.auth.session.query()).toBeNull();
    expect(await codeOf(browser.workspace.get.query())).toBe('UNAUTHORIZED');

    expect(
      await codeOf(browser.auth.signIn.mutate({ email: owner.email, password: 'wrong password!!' })),
    ).toBe('UNAUTHORIZED');
    expect(
      await codeOf(browser.auth.signIn.mutate({ email: 'nobody@example.com', password: 'whatever pass' })),
    ).toBe('UNAUTHORIZED');
    const session = await browser.auth.signIn.mutate({
      email: 'OLIVIA@example.com ',
      password: owner.password,
    });
    expect(session?.role).toBe('owner');
    expect(await browser.workspace.get.query()).toMatchObject({ name: 'Acme Sales', memberCount: 1 });
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    await using server = await startTestServer();
    const response = await browserLikeFetch(server.url)(`${server.url}/trpc/setup.createOwner`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(owner),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('callmine.session_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('treats an expired session as signed out', async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    await browser.setup.createOwner.mutate(owner);
    const { db } = server.database;
    await db.update(db.tables.session).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(await browser.auth.session.query()).toBeNull();
    expect(await codeOf(browser.members.list.query())).toBe('UNAUTHORIZED');
  });

  it('invites a member who joins through the link; members cannot call admin procedures', async () => {
    await using server = await startTestServer();
    const admin = apiClient(server.url);
    await admin.setup.createOwner.mutate(owner);
    const invitation = await admin.members.invite.mutate({ email: 'Max@Example.com', role: 'member' });
    expect(invitation.link).toBe(`${server.url}/invite/${invitation.id}`);
    expect(await admin.members.invitations.query()).toHaveLength(1);

    const newcomer = apiClient(server.url);
    expect(await newcomer.invitations.preview.query({ invitationId: invitation.id })).toEqual({
      email: 'max@example.com',
      workspaceName: 'Acme Sales',
      inviterName: 'Olivia Owner',
      role: 'member',
      accountExists: false,
    });
    const joined = await newcomer.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max Member',
      password: 'another long password',
    });
    expect(joined).toMatchObject({ role: 'member', workspace: { name: 'Acme Sales' } });
    expect(await codeOf(newcomer.invitations.preview.query({ invitationId: invitation.id }))).toBe(
      'NOT_FOUND',
    );

    expect((await newcomer.members.list.query()).map((m) => m.role)).toEqual(['owner', 'member']);
    expect(await codeOf(newcomer.members.invite.mutate({ email: 'x@example.com', role: 'member' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(newcomer.members.invitations.query())).toBe('FORBIDDEN');
    expect(await codeOf(newcomer.workspace.rename.mutate({ name: 'Hijacked' }))).toBe('FORBIDDEN');
  });

  it('changes roles, and never lets the last owner be demoted or removed', async () => {
    await using server = await startTestServer();
    const admin = apiClient(server.url);
    const me = await admin.setup.createOwner.mutate(owner);
    const invitation = await admin.members.invite.mutate({ email: 'ada@example.com', role: 'member' });
    await apiClient(server.url).invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Ada Admin',
      password: 'ada long password',
    });
    const members = await admin.members.list.query();
    const ownerRow = members.find((m) => m.userId === me.user.id)!;
    const ada = members.find((m) => m.email === 'ada@example.com')!;

    expect(await codeOf(admin.members.changeRole.mutate({ memberId: ownerRow.id, role: 'admin' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(admin.members.remove.mutate({ memberId: ownerRow.id }))).toBe('BAD_REQUEST');

    const after = await admin.members.changeRole.mutate({ memberId: ada.id, role: 'admin' });
    expect(after.find((m) => m.id === ada.id)?.role).toBe('admin');
    const remaining = await admin.members.remove.mutate({ memberId: ada.id });
    expect(remaining.map((m) => m.email)).toEqual([owner.email]);
  });
});

describe('sign-in throttling', () => {
  // Twelve scrypt password checks (set-up, ten wrong guesses, the right one): CPU-bound, about 1 s each on a 2-core
  // machine at load 16, where the project's 15 s default ran out.
  it('stops guessing after 10 failed sign-ins for an email, even with the right password', {
    timeout: 60_000,
  }, async () => {
    await using server = await startTestServer();
    const browser = apiClient(server.url);
    await browser.setup.createOwner.mutate(owner);
    await browser.auth.signOut.mutate();
    for (let i = 0; i < 10; i += 1) {
      expect(
        await codeOf(browser.auth.signIn.mutate({ email: owner.email, password: `guess number ${i}` })),
      ).toBe('UNAUTHORIZED');
    }
    expect(await codeOf(browser.auth.signIn.mutate({ email: owner.email, password: owner.password }))).toBe(
      'TOO_MANY_REQUESTS',
    );
    // Another address is not affected.
    expect(
      await codeOf(browser.auth.signIn.mutate({ email: 'other@example.com', password: 'whatever pass' })),
    ).toBe('UNAUTHORIZED');
  });
});

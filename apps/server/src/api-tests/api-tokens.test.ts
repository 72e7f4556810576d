// API tokens over real HTTP: what a token may do, what it may never do, and that it stays in its workspace.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiClient, trpcFailure as failure } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { aSecondWorkspace, tokenClient } from '../testing/second-workspace.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme',
};

const tokenLimit = { CALLMINE_API_TOKEN_CALLS_PER_MINUTE: '40' };

/** The owner's session on a fresh server (each test starts its own). */
async function ownerOn(server: TestServer) {
  const admin = apiClient(server.url);
  await admin.setup.createOwner.mutate(owner);
  return admin;
}

describe('API tokens', () => {
  it('shows the token once, stores only its hash, and the token reads its workspace', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const created = await admin.apiTokens.create.mutate({ name: 'Warehouse sync', role: 'member' });
    expect(created.token).toMatch(/^cm_[A-Za-z0-9_-]{43}$/);
    expect(created.view).toMatchObject({
      name: 'Warehouse sync',
      role: 'member',
      status: 'active',
      lastUsedAt: null,
    });

    const listed = await admin.apiTokens.list.query();
    expect(listed).toHaveLength(1);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const stored = await server.database.db.select().from(server.database.db.tables.apiToken);
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(stored[0]?.tokenHash).toBe(createHash('sha256').update(created.token).digest('hex'));

    const script = tokenClient(server.url, created.token);
    expect(await script.workspace.get.query()).toMatchObject({ name: 'Acme', memberCount: 1 });
    expect((await admin.apiTokens.list.query())[0]?.lastUsedAt).not.toBeNull();

    // The request log names the token by id, never the token itself.
    const logged = server.logLines
      .map((l) => JSON.parse(l) as { msg: string; path?: string; principal?: string })
      .filter((l) => l.msg === 'request' && l.path === '/trpc/workspace.get');
    expect(logged.map((l) => l.principal)).toEqual([`token:${created.view.id}`]);
    expect(server.logLines.join('\n')).not.toContain(created.token);
    // Nor anywhere in the data directory (database, WAL, key files).
    for (const file of readdirSync(server.dataDir, { recursive: true, encoding: 'utf8' })) {
      const path = join(server.dataDir, file);
      if (statSync(path).isFile()) expect(readFileSync(path).includes(created.token), file).toBe(false);
    }
  });

  it('refuses a member token on admin procedures and every token on tokens, members and sign-in', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const member = tokenClient(
      server.url,
      (await admin.apiTokens.create.mutate({ name: 'm', role: 'member' })).token,
    );
    expect(await failure(member.workspace.rename.mutate({ name: 'Hijacked' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(member.integrations.gong.auditLog.query())).toMatchObject({ code: 'FORBIDDEN' });

    const adminToken = tokenClient(
      server.url,
      (await admin.apiTokens.create.mutate({ name: 'a', role: 'admin' })).token,
    );
    expect(await adminToken.workspace.rename.mutate({ name: 'Acme Sales' })).toMatchObject({
      name: 'Acme Sales',
    });
    const sessionOnly = { code: 'FORBIDDEN', reason: 'session-required' };
    expect(await failure(adminToken.apiTokens.list.query())).toMatchObject(sessionOnly);
    expect(await failure(adminToken.apiTokens.create.mutate({ name: 'x', role: 'admin' }))).toMatchObject(
      sessionOnly,
    );
    expect(
      await failure(adminToken.members.invite.mutate({ email: 'x@example.com', role: 'admin' })),
    ).toMatchObject(sessionOnly);
    expect(await failure(adminToken.integrations.gong.disconnect.mutate())).toMatchObject(sessionOnly);
    expect(
      await failure(adminToken.auth.signIn.mutate({ email: owner.email, password: owner.password })),
    ).toMatchObject(sessionOnly);
    expect(await admin.apiTokens.list.query()).toHaveLength(2);
  });

  it('refuses revoked, expired and unknown tokens with one answer', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const created = await admin.apiTokens.create.mutate({
      name: 'soon gone',
      role: 'admin',
      expiresInDays: 30,
    });
    const script = tokenClient(server.url, created.token);
    await script.workspace.get.query();

    // Time passing: the expiry moves into the past, as 30 days would move it.
    const { db } = server.database;
    await db
      .update(db.tables.apiToken)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(db.tables.apiToken.id, created.view.id));
    const invalid = { code: 'UNAUTHORIZED', reason: 'invalid-token' };
    expect(await failure(script.workspace.get.query())).toMatchObject(invalid);
    expect((await admin.apiTokens.list.query())[0]?.status).toBe('expired');

    const other = await admin.apiTokens.create.mutate({ name: 'revoked', role: 'admin' });
    const revokedScript = tokenClient(server.url, other.token);
    await revokedScript.workspace.get.query();
    expect(await admin.apiTokens.revoke.mutate({ tokenId: other.view.id })).toMatchObject({
      status: 'revoked',
    });
    expect(await failure(revokedScript.workspace.get.query())).toMatchObject(invalid);
    // Even public procedures refuse a dead token, so a script learns at once.
    expect(await failure(revokedScript.setup.status.query())).toMatchObject(invalid);

    expect(await failure(tokenClient(server.url, 'cm_not-a-real-token').workspace.get.query())).toMatchObject(
      invalid,
    );
  });

  it('never gives a token more rights than its creator has now', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const invitation = await admin.members.invite.mutate({ email: 'ada@example.com', role: 'admin' });
    const adaBrowser = browserLikeFetch(server.url);
    const ada = apiClient(server.url, adaBrowser);
    await ada.invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Ada Admin',
      password: 'ada long password',
    });
    const adasScript = tokenClient(
      server.url,
      (await ada.apiTokens.create.mutate({ name: 'Ada', role: 'admin' })).token,
    );
    expect(await adasScript.workspace.rename.mutate({ name: 'Acme One' })).toMatchObject({
      name: 'Acme One',
    });

    const adaMember = (await admin.members.list.query()).find((m) => m.email === 'ada@example.com');
    await admin.members.changeRole.mutate({ memberId: adaMember?.id ?? '', role: 'member' });
    expect(await failure(adasScript.workspace.rename.mutate({ name: 'Acme Two' }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await adasScript.workspace.get.query()).toMatchObject({ name: 'Acme One' });
    // The list says what the token gets now, by the same rule.
    const listedAs = async () => (await admin.apiTokens.list.query()).find((t) => t.name === 'Ada');
    expect(await listedAs()).toMatchObject({
      role: 'admin',
      createdBy: 'Ada Admin',
      status: 'active',
      actsAs: 'member',
      limitedBy: 'creator-demoted',
    });

    await admin.members.remove.mutate({ memberId: adaMember?.id ?? '' });
    expect(await failure(adasScript.workspace.get.query())).toMatchObject({
      code: 'UNAUTHORIZED',
      reason: 'invalid-token',
    });
    expect(await listedAs()).toMatchObject({
      status: 'inactive',
      actsAs: null,
      limitedBy: 'creator-removed',
    });
  });

  it('keeps a token inside its own workspace', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const a = await admin.apiTokens.create.mutate({ name: 'A', role: 'admin' });
    // A second workspace, made by the operator, with its own first admin and token.
    const { script: scriptB, tokenId: bTokenId } = await aSecondWorkspace(server.url, admin);
    const scriptA = tokenClient(server.url, a.token);
    expect(await scriptA.workspace.get.query()).toMatchObject({ name: 'Acme', memberCount: 1 });
    expect((await scriptA.members.list.query()).map((m) => m.email)).toEqual([owner.email]);
    expect(await scriptB.workspace.get.query()).toMatchObject({ name: 'Beta Corp' });
    expect((await scriptB.members.list.query()).map((m) => m.email)).toEqual(['bea@b.example']);

    await scriptB.workspace.rename.mutate({ name: 'Beta Renamed' });
    expect((await scriptA.workspace.get.query()).name).toBe('Acme');
    // A's admin cannot see or revoke B's token: to A it does not exist.
    expect((await admin.apiTokens.list.query()).map((t) => t.name)).toEqual(['A']);
    expect(await failure(admin.apiTokens.revoke.mutate({ tokenId: bTokenId }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await scriptB.workspace.get.query()).toMatchObject({ name: 'Beta Renamed' });
  });

  it('limits calls per token and says when to retry', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const created = await admin.apiTokens.create.mutate({ name: 'busy', role: 'member' });
    const headers = { authorization: `Bearer ${created.token}` };
    let limited: Response | undefined;
    for (let i = 0; i < 60 && !limited; i++) {
      const response = await fetch(`${server.url}/trpc/workspace.get`, { headers });
      if (response.status === 429) limited = response;
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited?.json()) as { error: { data: { code: string; reason: string } } };
    expect(body.error.data).toMatchObject({ code: 'TOO_MANY_REQUESTS', reason: 'token-rate-limited' });
    // Another token, and the people in the app, are unaffected.
    const fresh = await admin.apiTokens.create.mutate({ name: 'quiet', role: 'member' });
    expect(await tokenClient(server.url, fresh.token).workspace.get.query()).toMatchObject({ name: 'Acme' });
  });

  it('lets Bearer calls without a cookie skip the Origin check, and keeps it for cookie calls', async () => {
    await using server = await startTestServer(tokenLimit);
    const admin = await ownerOn(server);
    const created = await admin.apiTokens.create.mutate({ name: 'x-site', role: 'admin' });
    const post = (headers: Record<string, string>) =>
      fetch(`${server.url}/trpc/workspace.rename`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example', ...headers },
        body: JSON.stringify({ name: 'Renamed' }),
      });
    expect((await post({ authorization: `Bearer ${created.token}` })).status).toBe(200);

    const browser = browserLikeFetch(server.url);
    await apiClient(server.url, browser).auth.signIn.mutate({ email: owner.email, password: owner.password });
    const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    expect((await post({ cookie })).status).toBe(403);
    // A cookie beside a Bearer header is a browser request again: the Origin check applies.
    expect((await post({ cookie, authorization: `Bearer ${created.token}` })).status).toBe(403);
  });
});

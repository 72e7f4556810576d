// The signed-in fast path (packages/api/src/auth/session-resolver.ts) over real HTTP: it answers exactly what
// better-auth answers, and keeps nothing between requests: a sign-out or a removal counts from the very next request.
import { createAuth, listMemberships, resolveSession } from '@callmine/api';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { apiClient, trpcFailure } from '../testing/api-client.ts';
import { browserLikeFetch } from '../testing/browser-like-fetch.ts';
import { startAnotherServer, startTestServer } from '../testing/test-server.ts';

const secret = 'a-test-secret-of-at-least-32-characters!';
const owner = {
  name: 'Olivia',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme',
};

async function signedInOwner() {
  const server = await startTestServer({ CALLMINE_AUTH_SECRET: secret });
  const fetcher = browserLikeFetch(server.url);
  const client = apiClient(server.url, fetcher);
  await client.setup.createOwner.mutate(owner);
  const cookie = () => [...fetcher.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  // better-auth as the server built it (same database, secret and URL), to compare answers with.
  const auth = createAuth({
    db: server.database.db,
    secret,
    publicUrl: server.url,
    sessionTtlSeconds: 7 * 24 * 3600,
    log: () => {},
  });
  return { server, client, fetcher, cookie, auth, [Symbol.asyncDispose]: () => server.close() };
}

/** A raw request with exactly this Cookie header (no cookie jar that a sign-out could empty). */
async function gongStatus(url: string, cookie: string) {
  const response = await fetch(`${url}/trpc/integrations.gong.get`, { headers: { cookie } });
  const body = (await response.json()) as { error?: { data?: { code?: string; reason?: string } } };
  return { status: response.status, code: body.error?.data?.code, reason: body.error?.data?.reason };
}

describe('the signed-in fast path', () => {
  it('answers what better-auth answers: the same session, user and memberships', async () => {
    await using env = await signedInOwner();
    const headers = new Headers({ cookie: env.cookie() });
    const fast = await resolveSession(env.auth, env.server.database.db, headers);
    const slow = await env.auth.api.getSession({ headers });
    expect(slow).not.toBeNull();
    expect(fast?.session).toEqual(slow);
    expect(fast?.memberships).toEqual(await listMemberships(env.server.database.db, slow?.user.id ?? ''));
    expect(fast?.memberships).toMatchObject([{ role: 'owner', workspaceName: 'Acme', suspended: false }]);
    expect(await gongStatus(env.server.url, env.cookie())).toMatchObject({ status: 200 });
  });

  it('refuses a tampered signature, and leaves a session due to slide to better-auth, which slides it', async () => {
    await using env = await signedInOwner();
    const { db } = env.server.database;
    const [name, value = ''] = env.cookie().split('=');
    const token = decodeURIComponent(value).split('.')[0] ?? '';
    const forged = `${name}=${encodeURIComponent(`${token}.${'A'.repeat(43)}=`)}`;
    expect(await resolveSession(env.auth, db, new Headers({ cookie: forged }))).toBeUndefined();
    expect(await gongStatus(env.server.url, forged)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });

    // Issued two days ago (the expiry is a week from issue; better-auth slides it after a day).
    const t = db.tables;
    const twoDaysAgoExpiry = new Date(Date.now() + 5 * 24 * 3600_000);
    await db.update(t.session).set({ expiresAt: twoDaysAgoExpiry }).where(eq(t.session.token, token));
    expect(await resolveSession(env.auth, db, new Headers({ cookie: env.cookie() }))).toBeUndefined();
    const response = await fetch(`${env.server.url}/trpc/integrations.gong.get`, {
      headers: { cookie: env.cookie() },
    });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => c.startsWith(`${name}=`))).toBe(true);
    const [row] = await db
      .select({ expiresAt: t.session.expiresAt })
      .from(t.session)
      .where(eq(t.session.token, token));
    expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 6.9 * 24 * 3600_000);
    // Slid: the fast path takes it again.
    expect(await resolveSession(env.auth, db, new Headers({ cookie: env.cookie() }))).toBeDefined();
  });

  it('refuses the same cookie on the very next request after sign-out', async () => {
    await using env = await signedInOwner();
    const cookie = env.cookie();
    expect(await gongStatus(env.server.url, cookie)).toMatchObject({ status: 200 });
    await env.client.auth.signOut.mutate();
    expect(await gongStatus(env.server.url, cookie)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(await resolveSession(env.auth, env.server.database.db, new Headers({ cookie }))).toBeUndefined();
  });

  it('refuses a removed member on their very next request', async () => {
    await using env = await signedInOwner();
    const invitation = await env.client.members.invite.mutate({ email: 'max@example.com', role: 'member' });
    const maxFetch = browserLikeFetch(env.server.url);
    await apiClient(env.server.url, maxFetch).invitations.accept.mutate({
      invitationId: invitation.id,
      name: 'Max Member',
      password: 'another long password',
    });
    const maxCookie = [...maxFetch.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    expect(await gongStatus(env.server.url, maxCookie)).toMatchObject({ status: 200 });
    const max = (await env.client.members.list.query()).find((m) => m.email === 'max@example.com');
    await env.client.members.remove.mutate({ memberId: max?.id ?? '' });
    expect(await gongStatus(env.server.url, maxCookie)).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      reason: 'no-workspace',
    });
    const again = await trpcFailure(apiClient(env.server.url, maxFetch).workspace.get.query());
    expect(again).toMatchObject({ code: 'FORBIDDEN', reason: 'no-workspace' });
  });

  it('keeps only signature verdicts: a second server that verified the cookie refuses it right after sign-out', async () => {
    await using env = await signedInOwner();
    await using second = await startAnotherServer(env.server, { CALLMINE_AUTH_SECRET: secret });
    const cookie = env.cookie();
    // Both processes have verified (and remembered the signature of) this cookie.
    expect(await gongStatus(env.server.url, cookie)).toMatchObject({ status: 200 });
    expect(await gongStatus(second.url, cookie)).toMatchObject({ status: 200 });
    await env.client.auth.signOut.mutate();
    expect(await gongStatus(second.url, cookie)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
    expect(await gongStatus(env.server.url, cookie)).toMatchObject({ status: 401, code: 'UNAUTHORIZED' });
  });

  it('remembers a signature only for the secret it was checked with', async () => {
    await using env = await signedInOwner();
    const headers = new Headers({ cookie: env.cookie() });
    const { db } = env.server.database;
    expect(await resolveSession(env.auth, db, headers)).toBeDefined();
    const otherSecret = createAuth({
      db,
      secret: 'another-secret-of-at-least-32-characters',
      publicUrl: env.server.url,
      sessionTtlSeconds: 7 * 24 * 3600,
      log: () => {},
    });
    expect(await resolveSession(otherSecret, db, headers)).toBeUndefined();
    expect(await resolveSession(env.auth, db, headers)).toBeDefined();
  });
});

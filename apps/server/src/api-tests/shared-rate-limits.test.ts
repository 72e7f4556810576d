// Two server processes on one database (the same SQLite file, or one PostgreSQL database in the "on PostgreSQL"
// project), as behind a load balancer: each API rate limit is counted once across both, not once per server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { apiClient, trpcFailure } from '../testing/api-client.ts';
import { startAnotherServer, startTestServer, type TestServer } from '../testing/test-server.ts';

const owner = {
  name: 'Olivia Owner',
  email: 'olivia@example.com',
  password: 'correct horse battery',
  workspaceName: 'Acme',
};
const TOKEN_CALLS_PER_MINUTE = 6;
const env = { CALLMINE_API_TOKEN_CALLS_PER_MINUTE: String(TOKEN_CALLS_PER_MINUTE) };

/** The owner's session on a fresh server (each test starts its own). */
async function ownerOn(server: TestServer) {
  const admin = apiClient(server.url);
  await admin.setup.createOwner.mutate(owner);
  return admin;
}

describe('rate limits shared by two servers on one database', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses an email after 10 failed sign-ins spread over both servers, on both, until the window ends', async () => {
    await using first = await startTestServer(env);
    await using second = await startAnotherServer(first, env);
    const admin = await ownerOn(first);
    await admin.auth.signOut.mutate();
    const browsers = [apiClient(first.url), apiClient(second.url)];
    for (let i = 0; i < 10; i += 1) {
      const attempt = browsers[i % 2]?.auth.signIn.mutate({
        email: owner.email,
        password: `guess number ${i}`,
      });
      expect((await trpcFailure(attempt as Promise<unknown>)).code).toBe('UNAUTHORIZED');
    }
    // Five failures on each: alone, neither server would stop the guessing yet.
    for (const browser of browsers) {
      const refused = await trpcFailure(
        browser.auth.signIn.mutate({ email: owner.email, password: owner.password }),
      );
      expect(refused.code).toBe('TOO_MANY_REQUESTS');
    }
    // The tally is the address's, whatever its case.
    const shouted = await trpcFailure(
      browsers[1]?.auth.signIn.mutate({
        email: owner.email.toUpperCase(),
        password: owner.password,
      }) as Promise<unknown>,
    );
    expect(shouted.code).toBe('TOO_MANY_REQUESTS');

    // 15 minutes later (a fake clock, not a wait) the right password gets in again.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 15 * 60_000 + 1_000 });
    const signedIn = await browsers[1]?.auth.signIn.mutate({ email: owner.email, password: owner.password });
    expect(signedIn?.user.email).toBe(owner.email);
    // Thirteen password checks (scrypt) on a shared 2-core machine.
  }, 60_000);

  it('counts one API token’s calls across both servers', async () => {
    await using first = await startTestServer(env);
    await using second = await startAnotherServer(first, env);
    const admin = await ownerOn(first);
    const created = await admin.apiTokens.create.mutate({ name: 'busy script', role: 'member' });
    const headers = { authorization: `Bearer ${created.token}` };
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_CALLS_PER_MINUTE * 2; i += 1) {
      const url = i % 2 === 0 ? first.url : second.url;
      statuses.push((await fetch(`${url}/trpc/workspace.get`, { headers })).status);
    }
    // Alone, each server would have let all six of its calls through.
    expect(statuses.filter((s) => s === 200)).toHaveLength(TOKEN_CALLS_PER_MINUTE);
    expect(statuses.slice(TOKEN_CALLS_PER_MINUTE)).toEqual(Array(TOKEN_CALLS_PER_MINUTE).fill(429));

    // The shared table names each subject by a hash: no email, token or token id in it.
    const db = first.database.db;
    const keys = (await db.select({ key: db.tables.apiRateLimit.key }).from(db.tables.apiRateLimit)).map(
      (r) => r.key,
    );
    expect(keys).toContainEqual(expect.stringMatching(/^api-token:[0-9a-f]{32}$/));
    for (const key of keys) expect(key).toMatch(/^[a-z-]+:[0-9a-f]{32}$/);
    const stored = JSON.stringify(keys);
    expect(stored).not.toContain(created.view.id);
    expect(stored).not.toContain(created.token);
  });
});
